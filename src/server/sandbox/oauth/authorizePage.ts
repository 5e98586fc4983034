/** The sandbox's sign-in and consent page: server-rendered, no script, styles under a per-response nonce. */

export interface AuthorizePageUser {
  key: string;
  name: string;
  description: string;
  loginId: string | null;
}

export interface AuthorizePageInput {
  appName: string;
  institution: string;
  csrfToken: string;
  users: AuthorizePageUser[];
  /** Where the answer goes, so the user sees which site asks. */
  redirectOrigin: string;
  styleNonce: string;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLES = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f1f3f5;color:#1f2328;line-height:1.5}
header{background:#2d3b45;color:#fff;padding:12px 24px;font-weight:600}
header span{font-weight:400;opacity:.85;margin-left:8px}
main{max-width:520px;margin:40px auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:28px 32px}
h1{font-size:1.35rem;margin:0 0 8px}
p{margin:0 0 16px}
.origin{font-family:ui-monospace,monospace;font-size:.9em;background:#f6f8fa;padding:1px 4px;border-radius:4px}
fieldset{border:1px solid #d0d7de;border-radius:6px;margin:0 0 16px;padding:8px 12px 4px}
legend{font-weight:600;padding:0 4px}
label.user{display:flex;gap:10px;align-items:flex-start;padding:8px 4px;border-bottom:1px solid #eaeef2;cursor:pointer}
label.user:last-child{border-bottom:0}
label.user input{margin-top:5px}
.name{font-weight:600;display:block}
.detail{color:#57606a;font-size:.875rem;display:block}
.remember{display:flex;gap:8px;align-items:center;margin:0 0 20px}
.actions{display:flex;gap:12px;justify-content:flex-end}
button{font:inherit;padding:8px 18px;border-radius:6px;border:1px solid #8c959f;background:#fff;color:#1f2328;cursor:pointer}
button.primary{background:#0b6bcb;border-color:#0b6bcb;color:#fff;font-weight:600}
button:focus-visible,input:focus-visible{outline:3px solid #0969da;outline-offset:2px}
@media (max-width:560px){main{margin:16px 8px;padding:20px}}
`;

export function renderAuthorizePage(input: AuthorizePageInput): string {
  const users = input.users
    .map(
      (user, index) => `
        <label class="user">
          <input type="radio" name="unique_id" value="${escapeHtml(user.key)}"${index === 0 ? ' checked' : ''}>
          <span><span class="name">${escapeHtml(user.name)}</span>
          <span class="detail">${escapeHtml(user.description)}${user.loginId ? ` · ${escapeHtml(user.loginId)}` : ''}</span></span>
        </label>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Authorize ${escapeHtml(input.appName)} · ${escapeHtml(input.institution)}</title>
<style nonce="${escapeHtml(input.styleNonce)}">${STYLES}</style>
</head>
<body>
<header>${escapeHtml(input.institution)}<span>Canvas (sandbox)</span></header>
<main>
<h1>${escapeHtml(input.appName)} is requesting access to your account</h1>
<p>Sign in, then authorize. The app at <span class="origin">${escapeHtml(input.redirectOrigin)}</span> will be able
to use Canvas as you until you sign out of it.</p>
<form method="post" action="/login/oauth2/accept">
<input type="hidden" name="custom_csrf_token" value="${escapeHtml(input.csrfToken)}">
<fieldset>
<legend>Sign in as</legend>${users}
</fieldset>
<label class="remember"><input type="checkbox" name="remember_access" value="1"> Remember my authorization for this service</label>
<div class="actions">
<button type="submit" formaction="/login/oauth2/deny">Cancel</button>
<button type="submit" class="primary">Authorize</button>
</div>
</form>
</main>
</body>
</html>
`;
}
