import { z } from 'zod';

/**
 * Words for the contract's validation messages where Zod's own are written for developers: an empty required text
 * says "Required", not "String must contain at least 1 character(s)"; length limits say how many characters.
 */
export function installFriendlyValidationMessages(): void {
  z.setErrorMap((issue, context) => {
    if (issue.code === z.ZodIssueCode.too_small && issue.type === 'string') {
      return { message: issue.minimum === 1 ? 'Required' : `At least ${issue.minimum} characters` };
    }
    if (issue.code === z.ZodIssueCode.too_big && issue.type === 'string') {
      return { message: `At most ${issue.maximum} characters` };
    }
    return { message: context.defaultError };
  });
}
