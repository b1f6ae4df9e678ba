package emulator

import (
	"net/http"
	"strings"
)

// ssoPhrases holds Logto's English messages (packages/phrases, locale en) for the codes the SSO
// connector and sign-in experience areas answer with. "{{name}}" marks an interpolation.
var ssoPhrases = map[string]string{
	"connector.not_found":                                                    "Cannot find any available connector for type: {{type}}.",
	"connector.invalid_config":                                               "The connector's config is invalid.",
	"connector.invalid_metadata":                                             "The connector's metadata is invalid.",
	"connector.invalid_certificate":                                          "The connector's certificate is invalid, please make sure the certificate is in PEM encoding.",
	"connector.token_storage_not_supported":                                  "This connector does not support token storage. ",
	"single_sign_on.forbidden_domains":                                       "Public email domains are not allowed.",
	"single_sign_on.duplicated_domains":                                      "There are duplicate domains.",
	"single_sign_on.duplicate_connector_name":                                "Connector name already exists. Please choose a different name.",
	"request.feature_not_supported":                                          "This feature is not supported in the current environment.",
	"entity.invalid_input":                                                   "Invalid input. Value list must not be empty.",
	"custom_profile_fields.entity_not_exists_with_names":                     "Cannot find entities with the given names: {{names}}",
	"sign_in_experiences.enabled_connector_not_found":                        "Enabled {{type}} connector not found.",
	"sign_in_experiences.passwordless_requires_verify":                       "Must enable verify for email/phone sign up identifier.",
	"sign_in_experiences.unsupported_default_language":                       "This language - {{language}} is not supported at the moment.",
	"sign_in_experiences.at_least_one_authentication_factor":                 "You have to select at least one authentication factor.",
	"sign_in_experiences.backup_code_cannot_be_enabled_alone":                "Backup code cannot be enabled alone.",
	"sign_in_experiences.duplicated_mfa_factors":                             "Duplicated MFA factors.",
	"sign_in_experiences.code_sign_in_must_be_enabled":                       "Verification code sign in must be enabled when set a password is not required in sign up.",
	"sign_in_experiences.duplicated_sign_up_identifiers":                     "Duplicate sign-up identifiers detected.",
	"sign_in_experiences.missing_sign_up_identifiers":                        "Primary sign-up identifier cannot be empty.",
	"sign_in_experiences.email_verification_code_cannot_be_used_for_mfa":     "Email verification code cannot be used for MFA when email verification is enabled for sign-in.",
	"sign_in_experiences.phone_verification_code_cannot_be_used_for_mfa":     "SMS verification code cannot be used for MFA when SMS verification is enabled for sign-in.",
	"sign_in_experiences.email_verification_code_cannot_be_used_for_sign_in": "Email verification code cannot be used for sign-in when it is enabled for MFA.",
	"sign_in_experiences.phone_verification_code_cannot_be_used_for_sign_in": "SMS verification code cannot be used for sign-in when it is enabled for MFA.",
	"sign_in_experiences.adaptive_mfa_requires_mfa":                          "MFA must be enabled before enabling adaptive MFA.",
	"sign_in_experiences.adaptive_mfa_requires_non_skippable_policy":         "Adaptive MFA requires a non-skippable MFA prompt policy. Use PromptOnlyAtSignInMandatory or PromptAtSignInAndSignUpMandatory.",
	"sign_in_experiences.non_adaptive_mfa_requires_skippable_policy":         "When adaptive MFA is disabled, MFA prompt policy must be skippable. Do not use PromptOnlyAtSignInMandatory or PromptAtSignInAndSignUpMandatory.",
	"sign_in_experiences.invalid_custom_email_blocklist_format":              "Invalid custom email blocklist items: {{items}}. Each item must be a valid email address or email domain, e.g., foo@example.com or @example.com.",
	"sign_in_experiences.forgot_password_method_requires_connector":          "Forgot password method requires a corresponding {{method}} connector to be configured.",
	"sign_in_experiences.password_expiration_requires_forgot_password":       "Password expiration requires at least one forgot password method with a valid connector.",
}

// ssoPhrase returns the message for a code with its interpolations filled in ("name", value
// pairs).
func ssoPhrase(code string, interpolations ...string) string {
	message, ok := ssoPhrases[code]
	if !ok {
		return phrase(code)
	}
	for i := 0; i+1 < len(interpolations); i += 2 {
		message = strings.ReplaceAll(message, "{{"+interpolations[i]+"}}", interpolations[i+1])
	}
	return message
}

// replyPhrase answers {code, message} with an interpolated phrase.
func replyPhrase(status int, code string, interpolations ...string) reply {
	message := ssoPhrase(code, interpolations...)
	return func(w http.ResponseWriter) { writeErrorMessage(w, status, code, message) }
}

// replyErrorData answers {code, data, message}, as Logto's RequestError does when it carries
// data.
func replyErrorData(status int, code string, data any) reply {
	body := errorBody{Code: code, Data: data, Message: ssoPhrase(code)}
	return func(w http.ResponseWriter) { writeJSON(w, status, body) }
}

// replyInvalidInput answers 400 request.invalid_input ("Input is invalid. <details>").
func replyInvalidInput(details string) reply {
	return func(w http.ResponseWriter) { writeInvalidInput(w, http.StatusBadRequest, details) }
}

// listConjunction joins items like Intl.ListFormat in English: "a", "a and b", "a, b, and c".
func listConjunction(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return items[0] + " and " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + ", and " + items[len(items)-1]
}
