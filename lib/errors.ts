// Typed domain errors. Each maps to one HTTP status and one JSON error code in
// lib/http/respond.ts, and to a form message in the pages.
export type FieldErrors = Record<string, string>;

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  fields?: FieldErrors;
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export class ValidationError extends AppError {
  readonly status = 422;
  readonly code = "validation";
  constructor(message: string, fields?: FieldErrors) {
    super(message);
    this.fields = fields;
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = "unauthorized";
  constructor(message = "Sign in to continue.") {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = "forbidden";
  constructor(message = "You are not allowed to do that.") {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = "not_found";
  constructor(message = "Not found.") {
    super(message);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class RateLimitedError extends AppError {
  readonly status = 429;
  readonly code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s).`);
    this.headers = { "Retry-After": String(Math.ceil(retryAfterSeconds)) };
  }
}

/** The intake shows a contraindication: no massage now. Carries the reasons in the clinic's words. */
export class ClinicalRefusalError extends AppError {
  readonly status = 422;
  readonly code = "contraindicated";
  constructor(readonly reasons: Array<{ key: string; label: string; why: string }>) {
    super(
      "Massage is not advisable right now because of: " +
        reasons.map((reason) => reason.label.toLowerCase()).join("; ") +
        ". Please book again once you have recovered.",
    );
    this.extra = { reasons };
  }
}

/** An upload over the size limit; the body is not read further than the limit. */
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = "too_large";
  constructor(message: string) {
    super(message);
  }
}

/** Content the route does not take, judged by what it is (magic bytes), not by its name or declared type. */
export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = "unsupported_type";
  constructor(message: string) {
    super(message);
  }
}

/** A mail link that no longer works: used, expired, replaced by a newer one, or never issued (docs/decisions/0015). */
export class GoneError extends AppError {
  readonly status = 410;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
