package emulator

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// registerSignInExp adds GET and PATCH /api/sign-in-exp.
func (s *Server) registerSignInExp(rt *router) {
	rt.handle(http.MethodGet, "/api/sign-in-exp", managementAPI, s.getSignInExp)
	rt.handle(http.MethodPatch, "/api/sign-in-exp", managementAPI, s.patchSignInExp)
}

// getSignInExp is GET /api/sign-in-exp.
func (s *Server) getSignInExp(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	out := s.signInExpLocked().clone()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// patchSignInExp is PATCH /api/sign-in-exp. Each given top-level key replaces the stored value
// as a whole (nested groups are not merged). The emulator has no connectors, so everything that
// needs an email, SMS or social connector is refused or filtered out as Logto does without one;
// features Logto reserves for its cloud are refused as on self-hosted Logto. A body without a
// known key is 422 entity.invalid_input.
func (s *Server) patchSignInExp(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseSignInExpPatch(body)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	s.withState(w, func() reply {
		current := s.signInExpLocked()
		updated, failed := validateSignInExpPatch(*current, in)
		if failed != nil {
			return failed
		}
		if !applySignInExpPatch(&updated, in, s.now().UnixMilli()) {
			return replyPhrase(http.StatusUnprocessableEntity, "entity.invalid_input")
		}
		if in.TenantID.set && in.TenantID.v != current.TenantID {
			return writeInternalError // moving the row to another tenant breaks its foreign key
		}
		normalizeSignInExperience(&updated)
		*current = updated
		return s.replyCommitted(replyJSON(http.StatusOK, updated.clone()))
	})
}

// validateSignInExpPatch runs Logto's checks in Logto's order and returns a copy of current to
// apply the patch to, or the error answer.
func validateSignInExpPatch(current SignInExperience, in *signInExpPatch) (SignInExperience, reply) {
	if fields := in.SignUpProfileFields; fields.set && fields.v != nil && len(*fields.v) > 0 {
		var names []string
		for _, f := range *fields.v {
			if !contains(names, f.Name) {
				names = append(names, f.Name)
			}
		}
		return current, replyPhrase(http.StatusBadRequest, "custom_profile_fields.entity_not_exists_with_names",
			"names", strings.Join(names, ", "))
	}
	if in.CustomUICsp.set {
		if failed := checkCustomUICsp(in.CustomUICsp.v); failed != nil {
			return current, failed
		}
	}
	if in.LanguageInfo.set && !contains(builtInLanguages, in.LanguageInfo.v.FallbackLanguage) {
		return current, replyPhrase(http.StatusBadRequest, "sign_in_experiences.unsupported_default_language",
			"language", in.LanguageInfo.v.FallbackLanguage)
	}
	signUp, signIn, mfa := current.SignUp, current.SignIn, current.Mfa
	if in.SignUp.set {
		signUp = in.SignUp.v
		if failed := validateSignUp(signUp); failed != nil {
			return current, failed
		}
	}
	if in.Mfa.set {
		mfa = in.Mfa.v
	}
	if in.SignIn.set {
		signIn = in.SignIn.v
		if failed := validateSignIn(signIn, signUp); failed != nil {
			return current, failed
		}
	}
	if in.Mfa.set {
		if failed := validateMfa(mfa, signIn); failed != nil {
			return current, failed
		}
	}
	if failed := validateAdaptiveMfa(current, in); failed != nil {
		return current, failed
	}
	if methods := in.ForgotPasswordMethods; methods.set && methods.v != nil && len(*methods.v) > 0 {
		// Every method needs its connector: the first one already fails.
		kind := "email"
		if (*methods.v)[0] == "PhoneVerificationCode" {
			kind = "sms"
		}
		return current, replyPhrase(http.StatusBadRequest,
			"sign_in_experiences.forgot_password_method_requires_connector", "method", kind)
	}
	expiration := current.PasswordExpiration
	if in.PasswordExpiration.set {
		expiration = mergePasswordExpiration(current.PasswordExpiration, in.PasswordExpiration.v)
	}
	if isTrue(expiration.Enabled) {
		// Expiration needs a forgot-password method whose connector exists: never here.
		return current, replyPhrase(http.StatusUnprocessableEntity,
			"sign_in_experiences.password_expiration_requires_forgot_password")
	}
	if in.HideLogtoBranding.set && in.HideLogtoBranding.v {
		return current, replyInvalidInput("Hide Logto branding is not supported in this environment")
	}
	if in.CustomUICsp.set && hasCustomUICspSources(in.CustomUICsp.v) {
		return current, replyInvalidInput("Custom UI CSP configuration is not available")
	}
	if in.EmailBlocklistPolicy.set {
		policy, failed := parseEmailBlocklistPolicy(in.EmailBlocklistPolicy.v)
		if failed != nil {
			return current, failed
		}
		in.EmailBlocklistPolicy.v = policy
	}
	return current.clone(), nil
}

// validateSignUp is Logto's validateSignUp without email or SMS connectors.
func validateSignUp(signUp SignInExpSignUp) reply {
	var secondary []SignInExpSecondaryIdentifier
	if signUp.SecondaryIdentifiers != nil {
		secondary = *signUp.SecondaryIdentifiers
	}
	if len(secondary) > 0 && len(signUp.Identifiers) == 0 {
		return replyPhrase(http.StatusBadRequest, "sign_in_experiences.missing_sign_up_identifiers")
	}
	duplicated := replyPhrase(http.StatusBadRequest, "sign_in_experiences.duplicated_sign_up_identifiers")
	primary := map[string]bool{}
	for _, id := range signUp.Identifiers {
		primary[id] = true
	}
	secondarySet := map[string]bool{}
	for _, item := range secondary {
		secondarySet[item.Identifier] = true
	}
	if len(primary) != len(signUp.Identifiers) || len(secondarySet) != len(secondary) {
		return duplicated
	}
	for id := range secondarySet {
		if id == "emailOrPhone" && (primary["email"] || primary["phone"]) || primary[id] {
			return duplicated
		}
	}
	passwordless := false
	for _, id := range signUp.Identifiers {
		passwordless = passwordless || id != "username"
	}
	for _, item := range secondary {
		passwordless = passwordless || item.Identifier != "username"
	}
	if passwordless && !signUp.Verify {
		return replyPhrase(http.StatusBadRequest, "sign_in_experiences.passwordless_requires_verify")
	}
	for _, item := range secondary {
		if item.Identifier != "username" && !isTrue(item.Verify) {
			return replyPhrase(http.StatusBadRequest, "sign_in_experiences.passwordless_requires_verify")
		}
	}
	if primary["email"] || secondarySet["email"] || secondarySet["emailOrPhone"] {
		return replyPhrase(http.StatusBadRequest, "sign_in_experiences.enabled_connector_not_found", "type", "Email")
	}
	if primary["phone"] || secondarySet["phone"] {
		return replyPhrase(http.StatusBadRequest, "sign_in_experiences.enabled_connector_not_found", "type", "Sms")
	}
	return nil
}

// validateSignIn is Logto's validateSignIn without email or SMS connectors. Its checks of
// verification-code sign-in against MFA factors cannot be reached here: a verification code
// sign-in needs a connector, so the first checks already answered.
func validateSignIn(signIn SignInExpSignIn, signUp SignInExpSignUp) reply {
	codeFor := func(identifier string) bool {
		for _, m := range signIn.Methods {
			if m.VerificationCode && m.Identifier == identifier {
				return true
			}
		}
		return false
	}
	if codeFor("email") {
		return replyPhrase(http.StatusBadRequest, "sign_in_experiences.enabled_connector_not_found", "type", "Email")
	}
	if codeFor("phone") {
		return replyPhrase(http.StatusBadRequest, "sign_in_experiences.enabled_connector_not_found", "type", "Sms")
	}
	for _, m := range signIn.Methods {
		if !m.Password && !m.VerificationCode {
			return replyPhrase(http.StatusBadRequest, "sign_in_experiences.at_least_one_authentication_factor")
		}
	}
	if signUp.Verify && !signUp.Password {
		for _, m := range signIn.Methods {
			if !m.VerificationCode && m.Identifier != "username" {
				return replyPhrase(http.StatusBadRequest, "sign_in_experiences.code_sign_in_must_be_enabled")
			}
		}
	}
	return nil
}

// validateMfa is Logto's validateMfa.
func validateMfa(mfa SignInExpMfa, signIn SignInExpSignIn) reply {
	seen := map[string]bool{}
	for _, f := range mfa.Factors {
		if seen[f] {
			return replyPhrase(http.StatusBadRequest, "sign_in_experiences.duplicated_mfa_factors")
		}
		seen[f] = true
	}
	if seen["BackupCode"] && len(mfa.Factors) < 2 {
		return replyPhrase(http.StatusBadRequest, "sign_in_experiences.backup_code_cannot_be_enabled_alone")
	}
	for _, m := range signIn.Methods {
		switch {
		case seen["EmailVerificationCode"] && m.Identifier == "email" && m.VerificationCode:
			return replyPhrase(http.StatusBadRequest, "sign_in_experiences.email_verification_code_cannot_be_used_for_mfa")
		case seen["PhoneVerificationCode"] && m.Identifier == "phone" && m.VerificationCode:
			return replyPhrase(http.StatusBadRequest, "sign_in_experiences.phone_verification_code_cannot_be_used_for_mfa")
		}
	}
	return nil
}

// nonSkippableMfaPolicies are the prompt policies adaptive MFA needs.
var nonSkippableMfaPolicies = []string{"PromptAtSignInAndSignUpMandatory", "PromptOnlyAtSignInMandatory"}

// validateAdaptiveMfa is Logto's pairing of adaptive MFA with the MFA prompt policy.
func validateAdaptiveMfa(current SignInExperience, in *signInExpPatch) reply {
	effective := current.Mfa
	if in.Mfa.set {
		effective = in.Mfa.v
	}
	nonSkippable := contains(nonSkippableMfaPolicies, effective.Policy)
	requiresNonSkippable := replyPhrase(http.StatusUnprocessableEntity, "sign_in_experiences.adaptive_mfa_requires_non_skippable_policy")
	requiresSkippable := replyPhrase(http.StatusUnprocessableEntity, "sign_in_experiences.non_adaptive_mfa_requires_skippable_policy")
	if in.AdaptiveMfa.set && in.AdaptiveMfa.v.Enabled != nil {
		if *in.AdaptiveMfa.v.Enabled {
			if len(effective.Factors) == 0 {
				return replyPhrase(http.StatusUnprocessableEntity, "sign_in_experiences.adaptive_mfa_requires_mfa")
			}
			if !nonSkippable {
				return requiresNonSkippable
			}
		} else if nonSkippable {
			return requiresSkippable
		}
	}
	if !in.AdaptiveMfa.set && in.Mfa.set && len(in.Mfa.v.Factors) > 0 {
		if isTrue(current.AdaptiveMfa.Enabled) && !nonSkippable {
			return requiresNonSkippable
		}
		if !isTrue(current.AdaptiveMfa.Enabled) && nonSkippable {
			return requiresSkippable
		}
	}
	return nil
}

// mergePasswordExpiration is the policy Logto checks and stores: {enabled: false} when the
// patch disables it, otherwise the stored policy with the given keys on top, parsed again by
// the guard (a policy that is not enabled keeps only "enabled").
func mergePasswordExpiration(current, given SignInExpPasswordExpiration) SignInExpPasswordExpiration {
	if given.Enabled != nil && !*given.Enabled {
		return SignInExpPasswordExpiration{Enabled: ptr(false)}
	}
	out := current
	if given.Enabled != nil {
		out.Enabled = given.Enabled
	}
	if given.ValidPeriodDays != nil {
		out.ValidPeriodDays = given.ValidPeriodDays
	}
	if !isTrue(out.Enabled) {
		return SignInExpPasswordExpiration{Enabled: out.Enabled}
	}
	return out
}

// applySignInExpPatch writes the given keys into e; it reports false when the body had none
// (an empty UPDATE, which Logto refuses).
func applySignInExpPatch(e *SignInExperience, in *signInExpPatch, now int64) bool {
	n := 0
	apply := func(set bool, write func()) {
		if set {
			write()
			n++
		}
	}
	apply(in.TenantID.set, func() {})
	apply(in.Color.set, func() { e.Color = in.Color.v })
	apply(in.Branding.set, func() { e.Branding = in.Branding.v })
	apply(in.HideLogtoBranding.set, func() { e.HideLogtoBranding = in.HideLogtoBranding.v })
	apply(in.LanguageInfo.set, func() { e.LanguageInfo = in.LanguageInfo.v })
	apply(in.AgreeToTermsPolicy.set, func() { e.AgreeToTermsPolicy = in.AgreeToTermsPolicy.v })
	apply(in.SignIn.set, func() { e.SignIn = in.SignIn.v })
	apply(in.SignUp.set, func() { e.SignUp = in.SignUp.v })
	apply(in.SocialSignIn.set, func() { e.SocialSignIn = in.SocialSignIn.v })
	// Targets of social connectors that do not exist are dropped: all of them, here.
	apply(in.SocialSignInConnectorTargets.set, func() { e.SocialSignInConnectorTargets = []string{} })
	apply(in.SignInMode.set, func() { e.SignInMode = in.SignInMode.v })
	apply(in.CustomCSS.set, func() { e.CustomCSS = in.CustomCSS.v })
	apply(in.CustomContent.set, func() { e.CustomContent = in.CustomContent.v })
	apply(in.CustomUIAssets.set, func() { e.CustomUIAssets = in.CustomUIAssets.v })
	apply(in.CustomUICsp.set, func() { e.CustomUICsp = SignInExpCustomUICsp{} })
	apply(in.PasswordPolicy.set, func() { e.PasswordPolicy = in.PasswordPolicy.v })
	apply(in.Mfa.set, func() { e.Mfa = in.Mfa.v })
	switch {
	case in.AdaptiveMfa.set:
		apply(true, func() { e.AdaptiveMfa = in.AdaptiveMfa.v })
	case in.Mfa.set && len(in.Mfa.v.Factors) == 0:
		e.AdaptiveMfa = SignInExpEnabled{Enabled: ptr(false)} // MFA off turns adaptive MFA off
	}
	apply(in.SingleSignOnEnabled.set, func() { e.SingleSignOnEnabled = in.SingleSignOnEnabled.v })
	apply(in.CaptchaPolicy.set, func() { e.CaptchaPolicy = in.CaptchaPolicy.v })
	apply(in.SentinelPolicy.set, func() { e.SentinelPolicy = in.SentinelPolicy.v })
	apply(in.EmailBlocklistPolicy.set, func() { e.EmailBlocklistPolicy = in.EmailBlocklistPolicy.v })
	apply(in.ForgotPasswordMethods.set, func() { e.ForgotPasswordMethods = in.ForgotPasswordMethods.v })
	apply(in.PasskeySignIn.set, func() { e.PasskeySignIn = in.PasskeySignIn.v })
	apply(in.SignUpProfileFields.set, func() { e.SignUpProfileFields = in.SignUpProfileFields.v })
	apply(in.UsernamePolicy.set, func() { e.UsernamePolicy = in.UsernamePolicy.v })
	apply(in.TermsOfUseURL.set, func() { e.TermsOfUseURL = in.TermsOfUseURL.v })
	apply(in.PrivacyPolicyURL.set, func() { e.PrivacyPolicyURL = in.PrivacyPolicyURL.v })
	apply(in.SupportEmail.set, func() { e.SupportEmail = in.SupportEmail.v })
	apply(in.SupportWebsiteURL.set, func() { e.SupportWebsiteURL = in.SupportWebsiteURL.v })
	apply(in.UnknownSessionRedirectURL.set, func() { e.UnknownSessionRedirectURL = in.UnknownSessionRedirectURL.v })
	apply(in.PasswordExpiration.set, func() {
		wasEnabled := isTrue(e.PasswordExpiration.Enabled)
		merged := mergePasswordExpiration(e.PasswordExpiration, in.PasswordExpiration.v)
		if isTrue(merged.Enabled) && (!wasEnabled || merged.EnabledAt == nil) {
			merged.EnabledAt = ptr(float64(now)) // server-set when the policy is turned on
		}
		e.PasswordExpiration = merged
	})
	apply(in.VerificationCodePolicy.set, func() { e.VerificationCodePolicy = in.VerificationCodePolicy.v })
	return n > 0
}

// parseEmailBlocklistPolicy is Logto's parseEmailBlocklistPolicy on self-hosted Logto: no
// disposable-address check, custom lists deduplicated and each item checked.
func parseEmailBlocklistPolicy(p SignInExpEmailBlocklistPolicy) (SignInExpEmailBlocklistPolicy, reply) {
	if isTrue(p.BlockDisposableAddresses) {
		return p, replyInvalidInput("Disposable email domain validation is not supported in this environment")
	}
	for _, list := range []**[]string{&p.CustomAllowlist, &p.CustomBlocklist} {
		if *list == nil {
			continue
		}
		var unique, invalid []string
		for _, item := range **list {
			if !contains(unique, item) {
				unique = append(unique, item)
				if !isEmailBlocklistItem(item) {
					invalid = append(invalid, item)
				}
			}
		}
		if len(invalid) > 0 {
			return p, replyPhrase(http.StatusBadRequest, "sign_in_experiences.invalid_custom_email_blocklist_format",
				"items", listConjunction(invalid))
		}
		if unique == nil {
			unique = []string{}
		}
		*list = &unique
	}
	return p, nil
}

// emailOrDomain is @logto/core-kit's emailOrEmailDomainRegEx.
var emailOrDomain = regexp.MustCompile(`^(?:[^\s@]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+|@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)$`)

// isEmailBlocklistItem is @logto/core-kit's isEmailBlocklistItem: an address or "@domain",
// where "*" may stand for any part.
func isEmailBlocklistItem(item string) bool {
	if !strings.Contains(item, "*") {
		return emailOrDomain.MatchString(item)
	}
	if strings.ContainsAny(item, " \t\n\r\f\v") {
		return false
	}
	validDomain := func(d string) bool {
		return d != "" && strings.Contains(d, ".") && !strings.Contains(d, "@") && !strings.Contains(d, "..") &&
			!strings.HasPrefix(d, ".") && !strings.HasSuffix(d, ".") && strings.Trim(d, "*.") != ""
	}
	if strings.HasPrefix(item, "@") {
		return validDomain(item[1:])
	}
	parts := strings.Split(item, "@")
	return len(parts) == 2 && parts[0] != "" && validDomain(parts[1])
}

// customUICspDescriptions are Logto's descriptions of invalid custom UI CSP sources.
const (
	cspEmptySource     = "Empty source"
	cspSemicolon       = "Semicolons are not allowed"
	cspKeyword         = "CSP keywords are not supported"
	cspMalformedURL    = "Malformed URL"
	cspDisallowedParts = "Credentials, query strings, and fragments are not allowed"
	cspScheme          = "Unsupported scheme"
	cspWildcardHost    = "Malformed wildcard host"
	cspHost            = "Malformed host"
)

var cspHostLabel = regexp.MustCompile(`^[\da-z](?:[\da-z-]{0,61}[\da-z])?$`)

// checkCustomUICsp validates each source like Logto's normalizeCustomUiCsp (production rules)
// and answers 400 request.invalid_input for the first invalid one.
func checkCustomUICsp(csp SignInExpCustomUICsp) reply {
	for _, d := range []struct {
		name    string
		sources *[]string
	}{{"scriptSrc", csp.ScriptSrc}, {"connectSrc", csp.ConnectSrc}} {
		if d.sources == nil {
			continue
		}
		for _, source := range *d.sources {
			if problem := cspSourceProblem(d.name, strings.TrimSpace(source)); problem != "" {
				return replyErrorDataMessage(http.StatusBadRequest, "request.invalid_input",
					"Input is invalid. Invalid customUiCsp."+d.name+" source \""+source+"\": "+problem,
					ordered{{"directive", d.name}, {"source", source}, {"validationErrorCode", cspProblemCode(problem)}})
			}
		}
	}
	return nil
}

func cspSourceProblem(directive, source string) string {
	switch {
	case source == "":
		return cspEmptySource
	case strings.Contains(source, ";"):
		return cspSemicolon
	case strings.Contains(source, "'"):
		return cspKeyword
	}
	u, err := url.Parse(source)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return cspMalformedURL
	}
	if u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(source, "#") {
		return cspDisallowedParts
	}
	allowed := u.Scheme == "https" || directive == "connectSrc" && u.Scheme == "wss"
	if !allowed {
		return cspScheme
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" {
		return ""
	}
	labels := strings.Split(host, ".")
	wildcards := 0
	for _, l := range labels {
		if l == "*" {
			wildcards++
		}
	}
	valid := func(ls []string) bool {
		for _, l := range ls {
			if !cspHostLabel.MatchString(l) {
				return false
			}
		}
		return true
	}
	if wildcards > 0 {
		if labels[0] != "*" || wildcards != 1 || len(labels) < 3 || !valid(labels[1:]) {
			return cspWildcardHost
		}
		return ""
	}
	if len(labels) < 2 || !valid(labels) {
		return cspHost
	}
	return ""
}

func cspProblemCode(problem string) string {
	return map[string]string{
		cspEmptySource: "empty_source", cspSemicolon: "semicolon_not_allowed", cspKeyword: "csp_keyword_not_supported",
		cspMalformedURL: "malformed_url", cspDisallowedParts: "disallowed_url_parts", cspScheme: "unsupported_scheme",
		cspWildcardHost: "malformed_wildcard_host", cspHost: "malformed_host",
	}[problem]
}

// hasCustomUICspSources reports whether a (valid) custom UI CSP names any source.
func hasCustomUICspSources(csp SignInExpCustomUICsp) bool {
	return csp.ScriptSrc != nil && len(*csp.ScriptSrc) > 0 || csp.ConnectSrc != nil && len(*csp.ConnectSrc) > 0
}

// replyErrorDataMessage answers {code, data, message} with an explicit message.
func replyErrorDataMessage(status int, code, message string, data any) reply {
	body := errorBody{Code: code, Data: data, Message: message}
	return func(w http.ResponseWriter) { writeJSON(w, status, body) }
}
