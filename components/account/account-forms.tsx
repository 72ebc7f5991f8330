"use client";

import { changePasswordAction, requestEmailChangeAction, updateProfileAction } from "@/app/account/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { AccountFormResult } from "@/lib/account/form-result";
import type { Profile } from "@/lib/account/profile";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validation/auth";
import { emailChangeSchema, passwordChangeSchema, profileSchema, type EmailChangeInput, type PasswordChangeInput, type ProfileInput } from "@/lib/validation/account";
import { useAccountForm } from "./use-account-form";

function Outcome({ result }: { result: AccountFormResult }) {
  return (
    <div>
      <Alert tone="info">{result.done ? result.message : undefined}</Alert>
      <Alert tone="error">{result.done ? undefined : result.message}</Alert>
    </div>
  );
}

export function ProfileForm({ profile }: { profile: Profile }) {
  const { form, result, pending, onSubmit } = useAccountForm<ProfileInput>(
    profileSchema,
    { name: profile.name, phone: profile.phone, dateOfBirth: profile.dateOfBirth },
    updateProfileAction,
  );
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label="Your details">
      <Outcome result={result} />
      <TextField id="profile-name" label="Name" autoComplete="name" error={errors.name?.message} {...form.register("name")} />
      <TextField
        id="profile-phone"
        label="Phone (optional)"
        type="tel"
        autoComplete="tel"
        hint="For the clinic to reach you about an appointment."
        error={errors.phone?.message}
        {...form.register("phone")}
      />
      {profile.asksDateOfBirth ? (
        <TextField
          id="profile-date-of-birth"
          label="Date of birth (optional)"
          type="date"
          autoComplete="bday"
          hint="The physician who reviews a clearance request sees your age."
          error={errors.dateOfBirth?.message}
          {...form.register("dateOfBirth")}
        />
      ) : null}
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Saving…" : "Save details"}
      </Button>
    </form>
  );
}

export function EmailChangeForm({ email, pendingEmail }: { email: string; pendingEmail: string | null }) {
  const { form, result, pending, onSubmit } = useAccountForm<EmailChangeInput>(emailChangeSchema, { newEmail: "", currentPassword: "" }, requestEmailChangeAction, {
    resetOnDone: true,
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label="Change your email">
      <p>
        You sign in with <strong>{email}</strong>.
        {pendingEmail && !result.done ? ` A confirmation link was sent to ${pendingEmail}; nothing changes until it is opened.` : ""}
      </p>
      <Outcome result={result} />
      <TextField id="new-email" label="New email" type="email" autoComplete="email" error={errors.newEmail?.message} {...form.register("newEmail")} />
      <TextField
        id="email-current-password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword?.message}
        {...form.register("currentPassword")}
      />
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        {pending ? "Sending…" : "Send a confirmation link"}
      </Button>
    </form>
  );
}

export function PasswordChangeForm({ email }: { email: string }) {
  const { form, result, pending, onSubmit } = useAccountForm<PasswordChangeInput>(
    passwordChangeSchema,
    { currentPassword: "", newPassword: "", confirmPassword: "" },
    changePasswordAction,
  );
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label="Change your password">
      <Outcome result={result} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        id="current-password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword?.message}
        {...form.register("currentPassword")}
      />
      <TextField
        id="new-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. Your other devices are signed out.`}
        error={errors.newPassword?.message}
        {...form.register("newPassword")}
      />
      <TextField
        id="confirm-new-password"
        label="New password again"
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword?.message}
        {...form.register("confirmPassword")}
      />
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        {pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
