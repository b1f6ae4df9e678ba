package emulator_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
)

// Conformance tests of /api/sign-in-exp. The sign-in experience is a singleton: against a real
// Logto these tests run one at a time and each restores what it found (PATCH with every field
// of the first GET but tenantId and id, then a GET that must equal it).

const signInExpKeys = "tenantId,id,color,branding,hideLogtoBranding,languageInfo,termsOfUseUrl," +
	"privacyPolicyUrl,agreeToTermsPolicy,signIn,signUp,socialSignIn,socialSignInConnectorTargets," +
	"signInMode,customCss,customContent,customUiAssets,customUiCsp,passwordPolicy,mfa,adaptiveMfa," +
	"singleSignOnEnabled,supportEmail,supportWebsiteUrl,unknownSessionRedirectUrl,captchaPolicy," +
	"sentinelPolicy,emailBlocklistPolicy,verificationCodePolicy,forgotPasswordMethods,passkeySignIn," +
	"signUpProfileFields,passwordExpiration,usernamePolicy"

// realSignInExp serializes the tests that change a real Logto's sign-in experience.
var realSignInExp sync.Mutex

// signInExpTarget returns a target whose sign-in experience is restored when the test ends, and
// the sign-in experience as it was (raw JSON).
func signInExpTarget(t *testing.T) (*target, []byte) {
	t.Helper()
	if realLogto() {
		realSignInExp.Lock()
		t.Cleanup(realSignInExp.Unlock)
	} else {
		t.Parallel()
	}
	tg := newTarget(t)
	saved := tg.request(t, http.MethodGet, "/api/sign-in-exp", nil)
	wantStatus(t, saved, http.StatusOK)
	t.Cleanup(func() {
		restore := saved.object(t)
		delete(restore, "tenantId")
		delete(restore, "id")
		resp := tg.request(t, http.MethodPatch, "/api/sign-in-exp", restore)
		if resp.status != http.StatusOK {
			t.Errorf("restoring the sign-in experience: %d %s", resp.status, resp.body)
			return
		}
		after := tg.request(t, http.MethodGet, "/api/sign-in-exp", nil)
		if canonicalJSON(t, after.body) != canonicalJSON(t, saved.body) {
			t.Errorf("sign-in experience not restored:\n got %s\nwant %s", after.body, saved.body)
		}
	})
	return tg, saved.body
}

func (tg *target) patchSignInExp(t *testing.T, body any) *response {
	t.Helper()
	return tg.request(t, http.MethodPatch, "/api/sign-in-exp", body)
}

func TestSignInExp_get(t *testing.T) {
	_, saved := signInExpTarget(t)
	if got := strings.Join(keyOrder(t, saved), ","); got != signInExpKeys {
		t.Errorf("keys = %s\nwant   %s", got, signInExpKeys)
	}
	sie := (&response{body: saved}).object(t)
	if sie["id"] != "default" {
		t.Errorf("id = %v", sie["id"])
	}
	nested := map[string]string{
		"color":          "primaryColor,isDarkModeEnabled,darkPrimaryColor",
		"languageInfo":   "autoDetect,fallbackLanguage",
		"mfa":            "factors,policy",
		"usernamePolicy": "caseSensitive,minLength,maxLength,allowedChars",
	}
	for key, want := range nested {
		if got := strings.Join(keyOrder(t, []byte(rawJSON(t, saved, key))), ","); !strings.HasPrefix(got, want) {
			t.Errorf("%s keys = %s, want %s first", key, got, want)
		}
	}
	if realLogto() {
		return // a real tenant may have been customized; the defaults below are a fresh one's
	}
	want := `{"tenantId":"default","id":"default","color":{"primaryColor":"#6139F6","isDarkModeEnabled":false,"darkPrimaryColor":"#8768F8"},` +
		`"branding":{"logoUrl":"https://logto.io/logo.svg","darkLogoUrl":"https://logto.io/logo-dark.svg"},"hideLogtoBranding":false,` +
		`"languageInfo":{"autoDetect":true,"fallbackLanguage":"en"},"termsOfUseUrl":null,"privacyPolicyUrl":null,"agreeToTermsPolicy":"Automatic",` +
		`"signIn":{"methods":[{"identifier":"username","password":true,"verificationCode":false,"isPasswordPrimary":true}]},` +
		`"signUp":{"identifiers":["username"],"password":true,"verify":false},"socialSignIn":{},"socialSignInConnectorTargets":[],` +
		`"signInMode":"SignInAndRegister","customCss":null,"customContent":{},"customUiAssets":null,"customUiCsp":{},"passwordPolicy":{},` +
		`"mfa":{"factors":[],"policy":"UserControlled"},"adaptiveMfa":{},"singleSignOnEnabled":false,"supportEmail":null,` +
		`"supportWebsiteUrl":null,"unknownSessionRedirectUrl":null,"captchaPolicy":{},"sentinelPolicy":{},"emailBlocklistPolicy":{},` +
		`"verificationCodePolicy":{},"forgotPasswordMethods":[],"passkeySignIn":{},"signUpProfileFields":null,"passwordExpiration":{},` +
		`"usernamePolicy":{"caseSensitive":true,"minLength":1,"maxLength":128,"allowedChars":{"lowercase":true,"uppercase":true,"numbers":true,"underscore":true}}}`
	if string(saved) != want {
		t.Errorf("fresh sign-in experience:\n got %s\nwant %s", saved, want)
	}
}

func TestSignInExp_singleSignOnToggle(t *testing.T) {
	tg, saved := signInExpTarget(t)
	before := (&response{body: saved}).object(t)
	for _, on := range []bool{true, false} {
		resp := tg.patchSignInExp(t, map[string]any{"singleSignOnEnabled": on})
		wantStatus(t, resp, http.StatusOK)
		if got := strings.Join(keyOrder(t, resp.body), ","); got != signInExpKeys {
			t.Errorf("PATCH answer keys = %s", got)
		}
		after := tg.request(t, http.MethodGet, "/api/sign-in-exp", nil).object(t)
		if after["singleSignOnEnabled"] != on {
			t.Errorf("singleSignOnEnabled = %v, want %v", after["singleSignOnEnabled"], on)
		}
		for key, value := range before {
			if key != "singleSignOnEnabled" && jsonString(after[key]) != jsonString(value) {
				t.Errorf("%s changed: %s -> %s", key, jsonString(value), jsonString(after[key]))
			}
		}
	}
	issues := wantIssues(t, tg.patchSignInExp(t, map[string]any{"singleSignOnEnabled": "yes"}), "body")
	if jsonString(issues) != `[{"code":"invalid_type","expected":"boolean","message":"Expected boolean, received string","path":["singleSignOnEnabled"],"received":"string"}]` {
		t.Errorf("issues = %s", jsonString(issues))
	}
}

func TestSignInExp_groupsReplacedWhole(t *testing.T) {
	tg, _ := signInExpTarget(t)
	steps := []struct {
		patch map[string]any
		key   string
		want  string
	}{
		{map[string]any{"branding": map[string]any{"logoUrl": "https://example.com/a.png", "darkLogoUrl": "https://example.com/b.png"}},
			"branding", `{"darkLogoUrl":"https://example.com/b.png","logoUrl":"https://example.com/a.png"}`},
		{map[string]any{"branding": map[string]any{"favicon": "https://example.com/favicon.ico"}},
			"branding", `{"favicon":"https://example.com/favicon.ico"}`},
		{map[string]any{"socialSignIn": map[string]any{"automaticAccountLinking": true}}, "socialSignIn", `{"automaticAccountLinking":true}`},
		{map[string]any{"socialSignIn": map[string]any{"skipRequiredIdentifiers": true}}, "socialSignIn", `{"skipRequiredIdentifiers":true}`},
		{map[string]any{"passwordPolicy": map[string]any{"length": map[string]any{"min": 10}}}, "passwordPolicy", `{"length":{"max":256,"min":10}}`},
		{map[string]any{"passwordPolicy": map[string]any{"rejects": map[string]any{"pwned": false}}},
			"passwordPolicy", `{"rejects":{"pwned":false,"repetitionAndSequence":true,"userInfo":true,"words":[]}}`},
		{map[string]any{"passwordPolicy": map[string]any{}}, "passwordPolicy", `{}`},
		{map[string]any{"mfa": map[string]any{"factors": []string{"Totp", "BackupCode"}, "policy": "UserControlled"}},
			"mfa", `{"factors":["Totp","BackupCode"],"policy":"UserControlled"}`},
		{map[string]any{"mfa": map[string]any{"factors": []string{}, "policy": "UserControlled"}}, "adaptiveMfa", `{"enabled":false}`},
		{map[string]any{"termsOfUseUrl": "https://example.com/terms"}, "termsOfUseUrl", `"https://example.com/terms"`},
		{map[string]any{"termsOfUseUrl": ""}, "termsOfUseUrl", `null`},
		{map[string]any{"customCss": ""}, "customCss", `null`},
		{map[string]any{"socialSignInConnectorTargets": []string{"no-such-connector-" + randomHex(3)}}, "socialSignInConnectorTargets", `[]`},
	}
	for _, s := range steps {
		resp := tg.patchSignInExp(t, s.patch)
		wantStatus(t, resp, http.StatusOK)
		if got := jsonString(resp.object(t)[s.key]); got != s.want {
			t.Errorf("PATCH %s: %s = %s, want %s", jsonString(s.patch), s.key, got, s.want)
		}
	}
}

func TestSignInExp_emptyPatch(t *testing.T) {
	tg, saved := signInExpTarget(t)
	for _, body := range []any{map[string]any{}, map[string]any{"shoeSize": 42}, map[string]any{"id": "other"}} {
		wantError(t, tg.patchSignInExp(t, body), http.StatusUnprocessableEntity, "entity.invalid_input",
			"Invalid input. Value list must not be empty.")
	}
	// Positive control: a known key, even unchanged, is an update.
	mode := str((&response{body: saved}).object(t)["signInMode"])
	wantStatus(t, tg.patchSignInExp(t, map[string]any{"signInMode": mode, "shoeSize": 42}), http.StatusOK)
}

func TestSignInExp_guard(t *testing.T) {
	tg, _ := signInExpTarget(t)
	cases := []struct {
		body any
		want string // path:code of each issue
	}{
		{map[string]any{"color": map[string]any{"primaryColor": "#abcdef"}}, "color.isDarkModeEnabled:invalid_type,color.darkPrimaryColor:invalid_type"},
		{map[string]any{"color": map[string]any{"primaryColor": "#12345", "isDarkModeEnabled": false, "darkPrimaryColor": "#000"}}, "color.primaryColor:invalid_string"},
		{map[string]any{"branding": map[string]any{"logoUrl": "not a url"}}, "branding.logoUrl:invalid_string"},
		{map[string]any{"languageInfo": map[string]any{"autoDetect": true}}, "languageInfo.fallbackLanguage:custom"},
		{map[string]any{"languageInfo": map[string]any{"autoDetect": true, "fallbackLanguage": "xx"}}, "languageInfo.fallbackLanguage:custom"},
		{map[string]any{"agreeToTermsPolicy": "Always"}, "agreeToTermsPolicy:invalid_enum_value"},
		{map[string]any{"privacyPolicyUrl": "not a url"}, "privacyPolicyUrl:invalid_string"},
		{map[string]any{"privacyPolicyUrl": 5}, "privacyPolicyUrl:invalid_union"},
		{map[string]any{"supportEmail": "not-an-email"}, "supportEmail:invalid_string"},
		{map[string]any{"signInMode": "Both"}, "signInMode:invalid_enum_value"},
		{map[string]any{"signUp": map[string]any{"identifiers": []string{"username"}}}, "signUp.password:invalid_type,signUp.verify:invalid_type"},
		{map[string]any{"signUp": map[string]any{"identifiers": []string{"nickname"}, "password": true, "verify": false}}, "signUp.identifiers.0:invalid_enum_value"},
		{map[string]any{"signIn": map[string]any{"methods": []any{map[string]any{"identifier": "username"}}}},
			"signIn.methods.0.password:invalid_type,signIn.methods.0.verificationCode:invalid_type,signIn.methods.0.isPasswordPrimary:invalid_type"},
		{map[string]any{"passwordPolicy": map[string]any{"characterTypes": map[string]any{"min": 5}}}, "passwordPolicy.characterTypes.min:too_big"},
		{map[string]any{"passwordPolicy": map[string]any{"length": map[string]any{"min": 0, "max": 10}}}, "passwordPolicy.length.min:too_small"},
		{map[string]any{"mfa": map[string]any{"policy": "Mandatory"}}, "mfa.factors:invalid_type"},
		{map[string]any{"mfa": map[string]any{"factors": []string{"Sms"}, "policy": "UserControlled"}}, "mfa.factors.0:invalid_enum_value"},
		{map[string]any{"mfa": map[string]any{"factors": []string{"Totp"}, "policy": "Always"}}, "mfa.policy:invalid_enum_value"},
		{map[string]any{"usernamePolicy": map[string]any{"caseSensitive": false}},
			"usernamePolicy.minLength:invalid_type,usernamePolicy.maxLength:invalid_type,usernamePolicy.allowedChars:invalid_type"},
		{map[string]any{"usernamePolicy": map[string]any{"caseSensitive": true, "minLength": 10, "maxLength": 5,
			"allowedChars": map[string]any{"lowercase": false, "uppercase": false, "numbers": true, "underscore": false}}},
			"usernamePolicy.maxLength:custom,usernamePolicy.allowedChars:custom"},
		{map[string]any{"socialSignInConnectorTargets": "github"}, "socialSignInConnectorTargets:invalid_type"},
		{map[string]any{"hideLogtoBranding": "yes"}, "hideLogtoBranding:invalid_type"},
		{map[string]any{"verificationCodePolicy": map[string]any{"expirationDuration": 30}}, "verificationCodePolicy.expirationDuration:too_small"},
		{map[string]any{"customUiCsp": map[string]any{"imgSrc": []string{}}}, ":unrecognized_keys"},
		{map[string]any{"passwordExpiration": map[string]any{"enabled": true}}, "passwordExpiration:invalid_union"},
	}
	for _, c := range cases {
		issues := wantIssues(t, tg.patchSignInExp(t, c.body), "body")
		var got []string
		for _, issue := range issues {
			got = append(got, pathOf(issue)+":"+str(issue["code"]))
		}
		want := c.want
		if strings.HasPrefix(want, ":") {
			want = "customUiCsp" + want
		}
		if strings.Join(got, ",") != want {
			t.Errorf("PATCH %s: issues %s, want %s", jsonString(c.body), strings.Join(got, ","), want)
		}
	}
}

func TestSignInExp_semanticErrors(t *testing.T) {
	tg, _ := signInExpTarget(t)
	cases := []struct {
		body          any
		status        int
		code, message string
	}{
		{map[string]any{"languageInfo": map[string]any{"autoDetect": true, "fallbackLanguage": "af-ZA"}}, 400,
			"sign_in_experiences.unsupported_default_language", "This language - af-ZA is not supported at the moment."},
		{map[string]any{"mfa": map[string]any{"factors": []string{"BackupCode"}, "policy": "UserControlled"}}, 400,
			"sign_in_experiences.backup_code_cannot_be_enabled_alone", "Backup code cannot be enabled alone."},
		{map[string]any{"mfa": map[string]any{"factors": []string{"Totp", "Totp"}, "policy": "UserControlled"}}, 400,
			"sign_in_experiences.duplicated_mfa_factors", "Duplicated MFA factors."},
		{map[string]any{"hideLogtoBranding": true}, 400,
			"request.invalid_input", "Input is invalid. Hide Logto branding is not supported in this environment"},
		{map[string]any{"signUp": map[string]any{"identifiers": []string{"username", "username"}, "password": true, "verify": false}}, 400,
			"sign_in_experiences.duplicated_sign_up_identifiers", "Duplicate sign-up identifiers detected."},
		{map[string]any{"signUp": map[string]any{"identifiers": []string{"username"}, "password": true, "verify": false,
			"secondaryIdentifiers": []any{map[string]any{"identifier": "email", "verify": true}}}}, 400,
			"sign_in_experiences.passwordless_requires_verify", "Must enable verify for email/phone sign up identifier."},
		{map[string]any{"signIn": map[string]any{"methods": []any{map[string]any{"identifier": "username", "password": false,
			"verificationCode": false, "isPasswordPrimary": true}}}}, 400,
			"sign_in_experiences.at_least_one_authentication_factor", "You have to select at least one authentication factor."},
		{map[string]any{"forgotPasswordMethods": []string{}, "passwordExpiration": map[string]any{"enabled": true, "validPeriodDays": 90}}, 422,
			"sign_in_experiences.password_expiration_requires_forgot_password",
			"Password expiration requires at least one forgot password method with a valid connector."},
		{map[string]any{"emailBlocklistPolicy": map[string]any{"customBlocklist": []string{"@spam.example", "not an item", "x@"}}}, 400,
			"sign_in_experiences.invalid_custom_email_blocklist_format",
			"Invalid custom email blocklist items: not an item and x@. Each item must be a valid email address or email domain, e.g., foo@example.com or @example.com."},
	}
	for _, c := range cases {
		wantError(t, tg.patchSignInExp(t, c.body), c.status, c.code, c.message)
	}
	resp := tg.patchSignInExp(t, map[string]any{"emailBlocklistPolicy": map[string]any{"customBlocklist": []string{"@spam.example", "@spam.example", "*@x.example.com"}}})
	wantStatus(t, resp, http.StatusOK)
	if got := jsonString(resp.object(t)["emailBlocklistPolicy"]); got != `{"customBlocklist":["@spam.example","*@x.example.com"]}` {
		t.Errorf("emailBlocklistPolicy = %s (deduplicated)", got)
	}
}
