// Printed by `npm run demo` before the server starts.
const port = process.env.PORT || 3000
console.log(`
  NAP Academy demo — open http://localhost:${port}

  Demo accounts (password for all: academy-demo)
    staff@example.org          Academy staff
    facilitator@example.org    Facilitator of the 2025 Panama City cohort
    delegate.pa@example.org    Delegate, Panama, 2025
    delegate.bo@example.org    Delegate, Bolivia, 2025
    alumni.tt@example.org      Alumni, Trinidad and Tobago, 2024
${
	process.env.SMTP_URL
		? `
  Mail is sent through ${new URL(process.env.SMTP_URL).host}; staff see every message at /mail.`
		: `
  Mail is not sent (no SMTP_URL): every message is kept in the app. Each account reads the
  mail sent to it under Settings → "Mail the Academy sent you" (/mail); staff read all of it.
  Try "Forgot your password?" on the sign-in page, then read the link at /mail as staff.`
}
`)
