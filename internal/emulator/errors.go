package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// phrases holds Logto's English messages (packages/phrases, locale en) for the codes the
// emulator can answer with.
var phrases = map[string]string{
	"application.invalid_third_party_application_type":                 "Only traditional web, single-page, and native applications can be marked as third-party apps.",
	"application.third_party_application_cannot_enable_token_exchange": "Third-party applications are not allowed to enable token exchange.",
	"application.device_flow_native_only":                              "Device flow is only available for native applications.",
	"application.device_flow_not_changeable":                           "Device flow cannot be changed after application creation.",
	"application.protected_app_metadata_is_required":                   "Protected app metadata is required.",
	"application.protected_app_not_configured":                         "Protected app provider is not configured. This feature is not available for open source version.",
	"application.protected_application_only":                           "The feature is only available for protected applications.",
	"application.protected_application_misconfigured":                  "Protected application is misconfigured.",
	"application.protected_application_subdomain_exists":               "The subdomain of Protected application is already in use.",
	"application.invalid_subdomain":                                    "Invalid subdomain.",
	"application.no_legacy_secret_found":                               "The application does not have a legacy secret.",
	"application.secret_name_exists":                                   "Secret name already exists.",
	"application.saml.use_saml_app_api":                                "Use `[METHOD] /saml-applications(/.*)?` API to operate SAML app.",
	"auth.authorization_header_missing":                                "Authorization header is missing.",
	"auth.authorization_token_type_not_supported":                      "Authorization type is not supported.",
	"auth.unauthorized":                                                "Unauthorized. Please check credentials and its scope.",
	"auth.forbidden":                                                   "Forbidden. Please check your user roles and permissions.",
	"entity.db_constraint_violated":                                    "Database constraint violated.",
	"entity.not_found":                                                 "The resource does not exist.",
	"guard.invalid_pagination":                                         "The request pagination value is invalid.",
	"request.general":                                                  "Request error occurred.",
	"request.rate_limited":                                             "Too many requests. Please try again later.",
	"oidc.invalid_request":                                             "Request is invalid.",
	"oidc.invalid_target":                                              "Invalid resource indicator.",
	"oidc.invalid_scope":                                               "Invalid scope: {{error_description}}.",
	"oidc.unsupported_grant_type":                                      "Unsupported `grant_type` requested.",
	"oidc.invalid_grant":                                               "Grant request is invalid.",
}

// phrase returns the message for a code, or a generic one for codes the table does not know.
func phrase(code string) string {
	if message, ok := phrases[code]; ok {
		return message
	}
	return "Request error occurred."
}

// errorBody is Logto's RequestError body. Field order matches RequestError#toBody:
// code, data, details, message.
type errorBody struct {
	Code    string `json:"code,omitempty"`
	Data    any    `json:"data,omitempty"`
	Details string `json:"details,omitempty"`
	Message string `json:"message"`
}

// writeError answers with {code, message}, the message taken from the phrase table.
func writeError(w http.ResponseWriter, status int, code string) {
	writeJSON(w, status, errorBody{Code: code, Message: phrase(code)})
}

// writeErrorMessage answers with {code, message} and an explicit message.
func writeErrorMessage(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, errorBody{Code: code, Message: message})
}

// writeInvalidInput answers request.invalid_input ("Input is invalid. <details>").
func writeInvalidInput(w http.ResponseWriter, status int, details string) {
	writeErrorMessage(w, status, "request.invalid_input", "Input is invalid. "+details)
}

// writeNotExistsWithID answers 404 entity.not_exists_with_id for a table name such as
// "applications".
func writeNotExistsWithID(w http.ResponseWriter, table, id string) { //nolint:unparam // each API area passes its table
	writeErrorMessage(w, http.StatusNotFound, "entity.not_exists_with_id",
		fmt.Sprintf("The %s with ID `%s` does not exist.", table, id))
}

// writeNotExists answers 404 entity.not_exists for a singular table name such as
// "application_secret" (Logto's answer to an UPDATE that matched no row).
func writeNotExists(w http.ResponseWriter, singular string) {
	writeErrorMessage(w, http.StatusNotFound, "entity.not_exists",
		fmt.Sprintf("The %s does not exist.", singular))
}

// writeInternalError answers like Logto's error handler for unexpected errors.
func writeInternalError(w http.ResponseWriter) {
	writeJSON(w, http.StatusInternalServerError, errorBody{Message: "Internal server error."})
}

// writeBodyParseError answers like Logto for bodies JSON.parse or koa-body reject.
func writeBodyParseError(w http.ResponseWriter, err error) {
	writeJSON(w, http.StatusBadRequest, errorBody{Message: err.Error()})
}

// writeGuardError answers 400 guard.invalid_input with zod issues, as koa-guard does.
// part is "body", "query" or "params".
func writeGuardError(w http.ResponseWriter, part string, issues *zodIssues) {
	writeJSON(w, http.StatusBadRequest, errorBody{
		Code:    "guard.invalid_input",
		Data:    issues.zodError(),
		Details: strings.Join(issues.details, "\n"),
		Message: fmt.Sprintf("The request %s is invalid.", part),
	})
}

// writePlain answers with a text body, as Koa does when no route set one.
func writePlain(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(http.StatusText(status)))
}
