// Password rules: at least 8 characters from at least 3 of 4 classes (upper, lower, digit, symbol).

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

export function passwordProblem(
  password: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  username?: string,
): string | null {
  if (password.length < policy.minLength) return `密码长度至少 ${policy.minLength} 位`;
  if (password.length > 128) return '密码长度不能超过 128 位';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) {
    return `密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`;
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
