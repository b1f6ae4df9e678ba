// Package emulator is an in-memory, stateful emulator of the Logto Management API, used by the
// provider's tests, benchmarks and demo, and by users who want to try a configuration offline.
//
// It follows self-hosted Logto OSS v1.42.0 (the newest v1.x release when it was written): the
// request/response pairs captured from that server in ../shared/logto/samples are the reference,
// and where they say nothing the emulator re-implements what Logto's source does. It shares no
// code with the provider's client (internal/logto): a misunderstanding of the API must not be able
// to hide on both sides of the wire.
//
// # What it serves
//
//   - POST /oidc/token: OAuth 2.0 client credentials (client_secret_basic or client_secret_post)
//     for one configured client, the Management API resource indicator and scope "all"; answers
//     carry Logto's oidc.* error codes. Tokens are JWT-shaped (random, unsigned) and expire after
//     Options.TokenTTL. GET /oidc/.well-known/openid-configuration serves a discovery document.
//   - GET /api/status (no authentication) and, behind a bearer token, /api/applications with its
//     secrets, legacy-secret and custom-data sub-routes: Logto's status codes, error bodies
//     ({code, data?, details?, message} with zod-style issues for invalid input), server-side
//     ids, secrets and timestamps, defaults, PATCH semantics (whole-object replacement for
//     oidcClientMetadata, customClientMetadata and customData; shallow merge on /custom-data),
//     optional paging with Total-Number and Link headers, and Logto's `search` semantics (an
//     ILIKE pattern over id, name and description: `search=foo` only matches a value equal to
//     "foo" ignoring case; use `search=%foo%` for a substring).
//   - Free-form JSON (customData) is answered as Logto reads it back from jsonb into JavaScript:
//     array-index keys ("0", "10") first in numeric order, then keys shorter first and bytewise,
//     at every depth; numbers as JavaScript doubles print (12345678901234567890 comes back as
//     12345678901234567000, 1.50 as 1.5). Guarded objects (oidcClientMetadata,
//     customClientMetadata, protectedAppMetadata) keep the key order of Logto's zod guards, as
//     the samples show. A PATCH of an application answers the row after the update, also when
//     it carries only protectedAppMetadata (Logto 1.40 and later).
//   - /api/resources (scopes, is-default), /api/roles (scopes, applications, users),
//     /api/applications/{id}/roles and /api/users (custom-data, profile, is-suspended, password,
//     roles), seeded like a fresh Logto: the Management API resource (indicator
//     Options.Resource) with scope "all", and the "Logto Management API access" role held by the
//     configured client. Role PUTs are not transactional, as in Logto, and the application role
//     PUT answers 422 entity.invalid_input whenever it adds no role, after its removals took
//     effect (Logto 1.42 inserts an empty list); passwords are never kept.
//   - /api/sso-connector-providers (the six providers, in English) and /api/sso-connectors
//     (optional paging, create, get, patch, delete): the providers' config guards (unknown keys
//     dropped, trustUnverifiedEmail added; 400 connector.invalid_config without data), unique
//     names (409), lowercased domains with public email domains and duplicates refused (422),
//     and, like Logto, real requests to the identity provider when a config is created or
//     replaced (400 connector.invalid_config / invalid_metadata / invalid_certificate with
//     Logto's data) and each time a connector is read (providerConfig with the discovery
//     document's endpoints and scope, or the SAML SP entity id, ACS URL and IdP metadata; left
//     out when the IdP cannot be read). PATCH replaces config, branding and domains whole.
//   - /api/sign-in-exp (GET, PATCH) starting from a fresh Logto's defaults: PATCH replaces each
//     given top-level group whole, checks bodies with Logto's guards and rules, stores "" as
//     null for URLs and CSS, and answers 422 entity.invalid_input when no known key is given.
//     There are no email, SMS or social connectors, so what needs one is refused (or, for
//     socialSignInConnectorTargets, filtered out) as Logto does without them; Logto Cloud
//     features (hideLogtoBranding, custom UI CSP, disposable e-mail checks) are refused.
//   - /api/organizations (always paged, `q` as ILIKE '%q%' on id and name, showFeatured; PATCH
//     replaces customData, color and branding whole and takes every column, id included; names
//     may repeat), the template /api/organization-scopes and /api/organization-roles (unique
//     names: 422 entity.unique_integrity_violation; roles listed by name with their scopes and
//     resource scopes), /jit/{email-domains,roles,sso-connectors}, /users and /applications with
//     their roles, /api/users/{id}/organizations and /api/applications/{id}/organizations. Database
//     errors are answered as Logto's handler maps them (422 unique_integrity_violation,
//     relation_foreign_key_not_found, db_constraint_violated for a wrong role or application
//     type, value_too_long); relation inserts skip rows already there (adding a member twice:
//     201), PUTs are transactional, and deleting a user, application, resource scope or SSO
//     connector cascades to its organization links. Relation lists come in id order (email
//     domains in byte order), as a real Logto 1.42 answers them; JIT email domains of a missing
//     organization are 200 [], while its JIT roles and connectors are 404.
//   - Unknown routes answer like Koa: 404 "Not Found" or 405 "Method Not Allowed" as text.
//
// Each API area lives in its own file with a register method (see registerApplications); new
// areas (organizations, roles, SSO connectors…) follow the same pattern.
//
// # Test hooks
//
// A Server counts requests per route (Requests, RequestCounts), revokes every issued token
// (RevokeTokens) and lets a test change or delete objects behind the client's back
// (Application, UpdateApplication, DeleteApplication, SSOConnector, SSOConnectors,
// UpdateSSOConnector, DeleteSSOConnector, SignInExperience, UpdateSignInExperience, and for
// organizations Organization, UpdateOrganization, DeleteOrganization, their roles, scopes,
// members, applications and just-in-time settings: see drift_organizations.go).
// SetIdentityProviderClient replaces the HTTP client used to reach identity providers (default:
// 5 s timeout, no retries), e.g. to serve Google Workspace's fixed issuer from a loopback
// server. With Options.StateFile set, the state is
// loaded at start and written atomically after every successful mutation.
//
// InjectFault adds faults per method and route: status codes with Logto error bodies and an
// optional Retry-After, delays, dropped connections. A fault applies before the handler runs,
// or with Fault.After once the handler has acted (the object is created, changed or deleted)
// and its answer is delayed, dropped or replaced; after faults apply only to requests that
// reached a handler (not to failed authentication or unmatched routes). A fault is limited to a
// number of requests (Times) and may apply to each request with a probability drawn from a
// random source that SeedFaults makes repeatable; at most one fault applies to a request.
// FaultsApplied counts the faults applied by phase and kind ("before status 503", "after
// drop"…). The token endpoint takes faults like any other route.
//
// IssuedTokens lists every access token ever issued (revoked, expired and lost ones included)
// and SecretValues every application secret value ever held (deleted ones included), so log
// tests can look for each of them.
//
// # Running it standalone
//
//	go run ./internal/cmd/logto-emulator -listen 127.0.0.1:3001 -state ./logto-emulator.json
//
// prints the endpoint and the demo credentials (client id "emulator-admin"); point the provider
// at them with endpoint = "http://127.0.0.1:3001".
//
// # Known differences from Logto
//
// Built-in applications (demo-app, account center), SAML applications, application roles,
// organization invitations and access-control rules are not emulated; quotas never apply; tokens are
// shaped like JWTs but not signed. Injected faults have no counterpart in Logto (an after fault stands for a proxy or
// network that loses or replaces Logto's answer). Free-form JSON that PostgreSQL would refuse
// (a \u0000 in a string) is accepted, and -0 is answered as 0 only inside customData. Only
// tests and the emulator's own command import this package. Requests to identity providers are
// not retried (Logto's got retries twice) and carry only {code, name} of a transport error in
// data.error; POST /api/sign-in-exp/default/check-password and the IdP-initiated SSO and signing
// key routes are not served.
//
// # Checked against a real Logto, and still guessed
//
// The conformance tests pass against Logto 1.42.0 (run locally), which confirmed among others:
// an unknown client id answers 400 invalid_client "invalid client <id>"; a token without
// scope=all is refused with 403 auth.forbidden; unknown routes answer 404 "Not Found" and a wrong
// method 405 with Allow; Protected apps answer 501 application.protected_app_not_configured on
// self-hosted Logto. Still inferred from the source rather than observed: the data of an expired
// or revoked token's 401, the default error codes of injected faults, 400 (not 413) for bodies
// over 1 MB, JavaScript-style messages for JSON syntax errors other than truncation, the order
// of objects created in the same millisecond, array-index keys first and JavaScript-rounded
// numbers in customData (jsonb key order itself shows in the samples), and the answer to a
// PATCH carrying protectedAppMetadata (Protected apps need Logto Cloud). The SSO connector and
// sign-in experience conformance tests have not been run against a real Logto yet; beyond the
// samples (06–11, 27), the emulator follows Logto's source for: discovery and metadata error
// data (HTTP status, non-JSON and incomplete documents), SAML metadata without an HTTP-Redirect
// sign-in service or certificate, 400 invalid_metadata for XML that is not well-formed (samlify
// may throw a 500 instead), list order (no ORDER BY: an updated connector moves to the end, as
// rows usually do in PostgreSQL), and the sign-in experience rules the samples do not exercise.
// The organization conformance tests pass against a local Logto 1.42.0 too; the order of
// organizations and relation lists (no ORDER BY in Logto) is what that server answered.
package emulator
