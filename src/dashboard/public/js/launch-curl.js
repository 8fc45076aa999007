// The curl command of a launch: the same URL and multipart fields the form posts, quoted for a POSIX shell. Text
// fields go as --form-string (taken literally: no @file, <file or ;type= reading), a file as -F name=@file.
// No credentials in it: with users, `-u name` makes curl ask for the password.

/** `text` as one shell word. */
export const shellQuote = (text) => `'${String(text).replaceAll("'", "'\\''")}'`;

export function curlCommand(url, form, user) {
  const parts = ['curl', '-X', 'POST', shellQuote(url)];
  if (user) parts.push('-u', shellQuote(user));
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') parts.push('--form-string', shellQuote(`${name}=${value}`));
    else parts.push('-F', shellQuote(`${name}=@${value.name};type=${value.type || 'application/json'}`));
  }
  return parts.join(' ');
}
