package logto

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// signInExpWithExtras is a sign-in experience as Logto answers it, with a field
// this client does not model at every level (and Logto's own unmodelled
// top-level fields and sign-up secondary identifiers).
const signInExpWithExtras = `{
  "tenantId": "default", "id": "default",
  "color": {"primaryColor": "#112233", "isDarkModeEnabled": true, "darkPrimaryColor": "#445566", "x-color": 1},
  "branding": {"logoUrl": "https://a.example/logo.svg", "favicon": "https://a.example/f.ico", "x-branding": [1, 2]},
  "hideLogtoBranding": false,
  "languageInfo": {"autoDetect": false, "fallbackLanguage": "fr", "x-lang": "y"},
  "termsOfUseUrl": "https://a.example/terms", "privacyPolicyUrl": null, "agreeToTermsPolicy": "Manual",
  "signIn": {"methods": [{"identifier": "username", "password": true, "verificationCode": false, "isPasswordPrimary": true, "x-method": true}], "x-signin": {}},
  "signUp": {"identifiers": ["username"], "password": true, "verify": false, "secondaryIdentifiers": [{"identifier": "email", "verify": true}]},
  "socialSignIn": {"automaticAccountLinking": true},
  "socialSignInConnectorTargets": ["github"],
  "signInMode": "SignIn", "customCss": ".a{}", "customContent": {"/sign-in": "<p>hi</p>"},
  "passwordPolicy": {"length": {"min": 10, "max": 64, "x-len": 0}, "characterTypes": {"min": 2, "x-ct": 0},
    "rejects": {"pwned": false, "repetitionAndSequence": true, "userInfo": true, "words": ["acme"], "x-rej": 0}, "x-policy": 0},
  "mfa": {"factors": ["Totp", "BackupCode"], "policy": "PromptAtSignInAndSignUp", "organizationRequiredMfaPolicy": "Mandatory"},
  "adaptiveMfa": {"enabled": false},
  "singleSignOnEnabled": true, "supportEmail": "help@a.example", "supportWebsiteUrl": null,
  "unknownSessionRedirectUrl": null,
  "usernamePolicy": {"caseSensitive": true, "minLength": 1, "maxLength": 128,
    "allowedChars": {"lowercase": true, "uppercase": true, "numbers": true, "underscore": true}}
}`

func decodeSignInExp(t *testing.T, body string) *SignInExperience {
	t.Helper()
	var e SignInExperience
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("decoding: %v", err)
	}
	return &e
}

func TestSignInExperience_RoundTripKeepsEveryField(t *testing.T) {
	e := decodeSignInExp(t, signInExpWithExtras)
	if e.Color.PrimaryColor != "#112233" || e.Mfa.Policy != "PromptAtSignInAndSignUp" ||
		*e.PasswordPolicy.Length.Min != 10 || !slices.Equal(*e.PasswordPolicy.Rejects.Words, []string{"acme"}) ||
		e.SignIn.Methods[0].Identifier != "username" || !e.SingleSignOnEnabled || *e.CustomCSS != ".a{}" {
		t.Fatalf("modelled fields not decoded: %+v", e)
	}
	out, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(t, string(out), signInExpWithExtras) {
		t.Errorf("round trip lost or changed fields:\n got %s\nwant %s", out, signInExpWithExtras)
	}
	// Positive control: a change to a modelled field shows, the rest stays.
	e.Color.PrimaryColor = "#000"
	e.Mfa.Factors = nil
	out, err = json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if jsonEqual(t, string(out), signInExpWithExtras) {
		t.Fatal("a changed field does not show in the encoding")
	}
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(out, &fields)
	if !jsonEqual(t, string(fields["color"]), `{"primaryColor": "#000", "isDarkModeEnabled": true, "darkPrimaryColor": "#445566", "x-color": 1}`) ||
		!jsonEqual(t, string(fields["mfa"]), `{"factors": [], "policy": "PromptAtSignInAndSignUp", "organizationRequiredMfaPolicy": "Mandatory"}`) {
		t.Errorf("color = %s, mfa = %s", fields["color"], fields["mfa"])
	}
}

func TestSignInExperience_PatchOf(t *testing.T) {
	e := decodeSignInExp(t, signInExpWithExtras)
	e.Branding.LogoURL = nil // the Console removed the logo
	e.SignUp.Verify = true
	patch, err := e.PatchOf("branding", "signUp", "singleSignOnEnabled", "termsOfUseUrl", "privacyPolicyUrl")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(patch)
	want := `{
	  "branding": {"favicon": "https://a.example/f.ico", "x-branding": [1, 2]},
	  "signUp": {"identifiers": ["username"], "password": true, "verify": true, "secondaryIdentifiers": [{"identifier": "email", "verify": true}]},
	  "singleSignOnEnabled": true,
	  "termsOfUseUrl": "https://a.example/terms",
	  "privacyPolicyUrl": null
	}`
	if !jsonEqual(t, string(body), want) {
		t.Errorf("patch = %s, want %s", body, want)
	}
	if _, err := e.PatchOf("shoeSize"); err == nil || !strings.Contains(err.Error(), "shoeSize") {
		t.Errorf("PatchOf(unknown key) = %v, want an error naming it", err)
	}
}

func TestSignInExperience_RestorePatch(t *testing.T) {
	e := decodeSignInExp(t, signInExpWithExtras)
	patch, err := e.RestorePatch()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := patch["id"]; ok {
		t.Error("restore patch carries id")
	}
	if _, ok := patch["tenantId"]; ok {
		t.Error("restore patch carries tenantId")
	}
	var all map[string]json.RawMessage
	_ = json.Unmarshal([]byte(signInExpWithExtras), &all)
	if len(patch) != len(all)-2 {
		t.Errorf("restore patch has %d fields, want %d", len(patch), len(all)-2)
	}
	for k, v := range patch {
		if !jsonEqual(t, string(v), string(all[k])) {
			t.Errorf("%s = %s, want %s", k, v, all[k])
		}
	}
}

func TestDefaultSignInExperience(t *testing.T) {
	d := DefaultSignInExperience()
	if d.Color.PrimaryColor != "#6139F6" || d.SignInMode != "SignInAndRegister" || d.SingleSignOnEnabled ||
		d.Mfa.Policy != "UserControlled" || len(d.Mfa.Factors) != 0 || d.TermsOfUseURL != nil ||
		*d.Branding.LogoURL != "https://logto.io/logo.svg" || d.Branding.Favicon != nil ||
		d.PasswordPolicy.Length != nil || d.AgreeToTermsPolicy != "Automatic" ||
		!slices.Equal(d.SignUp.Identifiers, []string{"username"}) || len(d.SignIn.Methods) != 1 {
		t.Errorf("default sign-in experience = %+v", d)
	}
	if _, ok := d.Extra["usernamePolicy"]; !ok {
		t.Error("the default keeps no unmodelled field")
	}
	// Each call returns its own copy.
	d.SignUp.Identifiers[0] = "email"
	if DefaultSignInExperience().SignUp.Identifiers[0] != "username" {
		t.Error("DefaultSignInExperience shares memory between calls")
	}
}

func TestUpdateSignInExperience(t *testing.T) {
	var bodies []string
	var patches atomic.Int32
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/sign-in-exp" {
			http.NotFound(w, r)
			return
		}
		if r.Method == http.MethodPatch {
			b, _ := io.ReadAll(r.Body)
			bodies = append(bodies, string(b))
			// The first answer is lost to a 503: the PATCH sets fields, so it
			// is sent again.
			if patches.Add(1) == 1 {
				writeJSON(w, http.StatusServiceUnavailable, `{}`)
				return
			}
		}
		writeJSON(w, http.StatusOK, signInExpWithExtras)
	})
	c := f.client(t)
	got, err := c.UpdateSignInExperience(t.Context(), SignInExperiencePatch{"singleSignOnEnabled": json.RawMessage(`true`)})
	if err != nil {
		t.Fatal(err)
	}
	if !got.SingleSignOnEnabled || got.Mfa.Extra["organizationRequiredMfaPolicy"] == nil {
		t.Errorf("answer = %+v", got)
	}
	if len(bodies) != 2 || bodies[1] != `{"singleSignOnEnabled":true}` {
		t.Errorf("PATCH bodies = %q, want the same body twice", bodies)
	}
	before := f.apiCalls.Load()
	if _, err := c.UpdateSignInExperience(t.Context(), SignInExperiencePatch{}); err == nil {
		t.Error("an empty patch was accepted")
	}
	if n := f.apiCalls.Load() - before; n != 0 {
		t.Errorf("an empty patch sent %d requests", n)
	}
	// Positive control: the counter counts a read.
	if _, err := c.GetSignInExperience(t.Context()); err != nil {
		t.Fatal(err)
	}
	if f.apiCalls.Load() == before {
		t.Error("apiCalls does not count requests")
	}
}
