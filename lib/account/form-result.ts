// What the account's server actions give back to their forms: a typed error becomes its message and field errors.
import { AppError } from "@/lib/errors";
import type { FormResult } from "@/lib/forms";

export interface AccountFormResult extends FormResult {
  /** The change is made; `message` says what happened. */
  done?: boolean;
}

/** Runs the change; an AppError (validation, throttle, gone link) comes back as the form's field errors, or its message. */
export async function asFormResult(work: () => Promise<string>): Promise<AccountFormResult> {
  try {
    return { done: true, message: await work() };
  } catch (error) {
    // Field errors stand next to their fields; the same words once more above the form would only repeat them.
    if (error instanceof AppError) return error.fields ? { fields: error.fields } : { message: error.message };
    throw error;
  }
}
