import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };

export const ROLE_HOME: Record<Role, string> = {
  PATIENT: "/patient",
  THERAPIST: "/therapist",
  PHYSICIAN: "/physician",
  ADMIN: "/admin",
};

export const ROLE_LABEL: Record<Role, string> = {
  PATIENT: "Patient",
  THERAPIST: "Therapist",
  PHYSICIAN: "Physician",
  ADMIN: "Clinic staff",
};
