package application

// Attribute descriptions shared by the resource and the data sources.
const (
	descID          = "Logto's ID of the application, also its OAuth 2.0 / OIDC `client_id`."
	descName        = "Name of the application, shown in the Logto Console and on the consent screen. Names need not be unique."
	descType        = "Application type: `Native`, `SPA`, `Traditional`, `MachineToMachine` or `Protected`. Changing it replaces the application."
	descDescription = "Free-text description of the application."
	descRedirect    = "Redirect URIs in the order Logto keeps them. `http(s)` URLs, with an optional `*` wildcard in the host name or path, or custom-scheme URIs (`io.example.app://callback`) for native apps."
	descPostLogout  = "Post sign-out redirect URIs, in order, of the same forms as `redirect_uris`."
	descCORS        = "Origins allowed to call Logto's token endpoint from a browser (`customClientMetadata.corsAllowedOrigins`), written as browsers send the `Origin` header: `https://app.example.com` or `http://localhost:3000` — scheme, host and port only, lowercase, with no path and no trailing slash."
	descIDTokenTTL  = "Lifetime of ID tokens in seconds (`customClientMetadata.idTokenTtl`); when unset, Logto's default (3600) applies."
	descRefreshTTL  = "Lifetime of refresh tokens in days, 1 to 180 (`customClientMetadata.refreshTokenTtlInDays`); when unset, Logto's default (14) applies."
	descRotate      = "Whether Logto issues a new refresh token when 70% of the old one's lifetime has passed (`customClientMetadata.rotateRefreshToken`); when unset, Logto rotates."
	descAlwaysIssue = "Whether Logto issues refresh tokens even without `prompt=consent` (`customClientMetadata.alwaysIssueRefreshToken`), for third-party integrations that expect one."
	descThirdParty  = "Whether this is a third-party application (OIDC \"Sign in with your app\" for external clients). Only `Traditional`, `SPA` and `Native` applications can be third-party. Changing it replaces the application."
	descCustomData  = "Arbitrary JSON object stored with the application (`customData`), written with `jsonencode()`. It is kept in the form `jsonencode()` writes (keys sorted, no spaces, numbers exact: `1.50` reads as `1.5`, `1e3` as `1000`), so Logto's key order never causes a diff, after an import either."
	descProtected   = "Settings of a `Protected` application (Logto Protected App, which puts Logto authentication in front of an origin). Required for, and only allowed with, `type = \"Protected\"`. Needs Logto Cloud or a self-hosted Logto with protected apps configured. Logto sets the redirect URIs of a Protected app itself, so leave `redirect_uris` and `post_logout_redirect_uris` out."
	descSubDomain   = "Subdomain the protected app is served on; Logto appends its protected-app domain to form `host`. Changing it replaces the application."
	descOrigin      = "Origin (scheme, host and port) of the application Logto protects, for example `https://internal.example.com`."
	descHost        = "Host name the protected app is served on (`<sub_domain>.<protected-app domain>`)."
	descSecret      = "Value of the application's `Default secret`, which Logto creates with `Traditional`, `MachineToMachine` and `Protected` applications; null for the other types, and when no secret is named `Default secret` any more. Use it as the OAuth 2.0 `client_secret`. It is read again on every refresh (one more request per application of these types), so a secret rotated in the Console shows at the next plan; `terraform apply -refresh-only` takes it into the state without changing anything in Logto."
	descCreatedAt   = "When the application was created (RFC 3339)."
)
