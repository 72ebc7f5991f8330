import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";

export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" lead="This page does not exist, or it is not available to your account." />
      <ButtonLink href="/">Go to the home page</ButtonLink>
    </>
  );
}
