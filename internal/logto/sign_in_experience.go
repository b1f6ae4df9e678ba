package logto

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
)

// signInExpPath is the route of the tenant's only sign-in experience.
const signInExpPath = "/api/sign-in-exp"

// SignInExperience is the tenant's sign-in experience as GET /api/sign-in-exp
// returns it. Logto's PATCH replaces each top-level field as a whole (a
// `color` without `darkPrimaryColor` is refused, a `branding` without
// `favicon` removes the favicon), so every group keeps the fields this client
// does not model in Extra, and a change to one field of a group is sent as
// the whole group read just before (see PatchOf). Top-level fields this
// client does not model (customContent, captchaPolicy, …) are kept in Extra
// too.
type SignInExperience struct {
	// ID is "default".
	ID string `json:"id"`
	// TenantID is the tenant ("default" on self-hosted Logto).
	TenantID string `json:"tenantId"`
	// Color holds the brand colors.
	Color SignInExpColor `json:"color"`
	// Branding holds logo and favicon URLs.
	Branding SignInExpBranding `json:"branding"`
	// HideLogtoBranding hides "Powered by Logto" (Logto Cloud only).
	HideLogtoBranding bool `json:"hideLogtoBranding"`
	// LanguageInfo selects the sign-in page's language.
	LanguageInfo SignInExpLanguageInfo `json:"languageInfo"`
	// TermsOfUseURL is the terms of use link; nil when not set.
	TermsOfUseURL *string `json:"termsOfUseUrl"`
	// PrivacyPolicyURL is the privacy policy link; nil when not set.
	PrivacyPolicyURL *string `json:"privacyPolicyUrl"`
	// AgreeToTermsPolicy is Automatic, ManualRegistrationOnly or Manual.
	AgreeToTermsPolicy string `json:"agreeToTermsPolicy"`
	// SignIn lists the sign-in methods.
	SignIn SignInExpSignIn `json:"signIn"`
	// SignUp holds the sign-up identifiers and requirements.
	SignUp SignInExpSignUp `json:"signUp"`
	// SocialSignInConnectorTargets are the social connectors shown, by
	// target. Logto drops the targets no social connector has.
	SocialSignInConnectorTargets []string `json:"socialSignInConnectorTargets"`
	// SignInMode is SignIn, Register or SignInAndRegister.
	SignInMode string `json:"signInMode"`
	// CustomCSS is extra CSS for the sign-in page; nil when not set.
	CustomCSS *string `json:"customCss"`
	// PasswordPolicy is the password policy.
	PasswordPolicy SignInExpPasswordPolicy `json:"passwordPolicy"`
	// Mfa holds the MFA factors and prompt policy.
	Mfa SignInExpMfa `json:"mfa"`
	// SingleSignOnEnabled is the Enterprise SSO switch of the sign-in page.
	SingleSignOnEnabled bool `json:"singleSignOnEnabled"`
	// SupportEmail is the support contact; nil when not set.
	SupportEmail *string `json:"supportEmail"`
	// SupportWebsiteURL is the support site; nil when not set.
	SupportWebsiteURL *string `json:"supportWebsiteUrl"`
	// UnknownSessionRedirectURL is where a sign-in page opened without a
	// session sends the user; nil when not set.
	UnknownSessionRedirectURL *string `json:"unknownSessionRedirectUrl"`
	// Extra holds every other top-level field Logto returned.
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExpColor is the color group; Logto requires all three keys.
type SignInExpColor struct {
	PrimaryColor      string `json:"primaryColor"`
	IsDarkModeEnabled bool   `json:"isDarkModeEnabled"`
	DarkPrimaryColor  string `json:"darkPrimaryColor"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExpBranding is the branding group; every key is an optional URL and
// an absent key is not set.
type SignInExpBranding struct {
	LogoURL     *string `json:"logoUrl,omitempty"`
	DarkLogoURL *string `json:"darkLogoUrl,omitempty"`
	Favicon     *string `json:"favicon,omitempty"`
	DarkFavicon *string `json:"darkFavicon,omitempty"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExpLanguageInfo is the language group; Logto requires both keys.
type SignInExpLanguageInfo struct {
	AutoDetect       bool   `json:"autoDetect"`
	FallbackLanguage string `json:"fallbackLanguage"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExpSignIn is the sign-in group.
type SignInExpSignIn struct {
	// Methods are the sign-in methods in display order; never encoded as
	// null.
	Methods []SignInExpSignInMethod `json:"methods"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExpSignInMethod is one sign-in method.
type SignInExpSignInMethod struct {
	// Identifier is username, email or phone.
	Identifier        string `json:"identifier"`
	Password          bool   `json:"password"`
	VerificationCode  bool   `json:"verificationCode"`
	IsPasswordPrimary bool   `json:"isPasswordPrimary"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExpSignUp is the sign-up group. Secondary identifiers and other
// fields this client does not model are kept in Extra.
type SignInExpSignUp struct {
	// Identifiers are the primary sign-up identifiers (username, email,
	// phone); never encoded as null.
	Identifiers []string `json:"identifiers"`
	Password    bool     `json:"password"`
	Verify      bool     `json:"verify"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExpMfa is the MFA group.
type SignInExpMfa struct {
	// Factors are the enabled factors; never encoded as null.
	Factors []string `json:"factors"`
	// Policy is the prompt policy.
	Policy string `json:"policy"`
	// Extra holds the fields this client does not model
	// (organizationRequiredMfaPolicy, …).
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExpPasswordPolicy is the password policy. An absent sub-object means
// Logto's defaults for it; a given one gets Logto's defaults for its missing
// keys.
type SignInExpPasswordPolicy struct {
	Length         *SignInExpPasswordLength `json:"length,omitempty"`
	CharacterTypes *SignInExpCharacterTypes `json:"characterTypes,omitempty"`
	Rejects        *SignInExpPasswordReject `json:"rejects,omitempty"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// Logto's password policy defaults, which apply where the policy has no value.
const (
	DefaultPasswordMinLength         = 8
	DefaultPasswordMaxLength         = 256
	DefaultPasswordMinCharacterTypes = 1
)

// SignInExpPasswordLength bounds the password length.
type SignInExpPasswordLength struct {
	Min *int64 `json:"min,omitempty"`
	Max *int64 `json:"max,omitempty"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExpCharacterTypes sets the minimum number of character types.
type SignInExpCharacterTypes struct {
	Min *int64 `json:"min,omitempty"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExpPasswordReject lists what passwords Logto rejects; a missing key
// is true (or no words).
type SignInExpPasswordReject struct {
	Pwned                 *bool     `json:"pwned,omitempty"`
	RepetitionAndSequence *bool     `json:"repetitionAndSequence,omitempty"`
	UserInfo              *bool     `json:"userInfo,omitempty"`
	Words                 *[]string `json:"words,omitempty"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// SignInExperiencePatch is the body of PATCH /api/sign-in-exp: top-level keys
// and their JSON values. Logto replaces each given key whole, and refuses a
// body without a key it knows (422 entity.invalid_input).
type SignInExperiencePatch map[string]json.RawMessage

// GetSignInExperience reads the sign-in experience.
func (c *Client) GetSignInExperience(ctx context.Context) (*SignInExperience, error) {
	var out SignInExperience
	if err := c.do(ctx, http.MethodGet, signInExpPath, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateSignInExperience patches the sign-in experience and returns it as
// Logto answers: the updated row. The PATCH sets fields, so it is repeated
// after a lost answer like a read. An empty patch is refused here, without a
// request (Logto answers it with 422).
func (c *Client) UpdateSignInExperience(ctx context.Context, patch SignInExperiencePatch) (*SignInExperience, error) {
	if len(patch) == 0 {
		return nil, fmt.Errorf("logto: PATCH %s: nothing to change", signInExpPath)
	}
	var out SignInExperience
	if err := c.do(ctx, http.MethodPatch, signInExpPath, nil, patch, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// PatchOf returns a patch that sets the given top-level keys (JSON names such
// as "color" or "singleSignOnEnabled") to their values in e, each group whole
// with its unmodelled fields. A key e does not hold is an error.
func (e *SignInExperience) PatchOf(keys ...string) (SignInExperiencePatch, error) {
	all, err := e.fields()
	if err != nil {
		return nil, err
	}
	patch := SignInExperiencePatch{}
	for _, k := range keys {
		v, ok := all[k]
		if !ok {
			return nil, fmt.Errorf("logto: the sign-in experience has no field %q", k)
		}
		patch[k] = v
	}
	return patch, nil
}

// RestorePatch returns a patch that sets every field of e but id and
// tenantId: sent later, it puts the sign-in experience back as e was.
func (e *SignInExperience) RestorePatch() (SignInExperiencePatch, error) {
	all, err := e.fields()
	if err != nil {
		return nil, err
	}
	delete(all, "id")
	delete(all, "tenantId")
	return all, nil
}

func (e *SignInExperience) fields() (map[string]json.RawMessage, error) {
	raw, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("logto: encoding the sign-in experience: %w", err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		return nil, fmt.Errorf("logto: encoding the sign-in experience: %w", err)
	}
	return all, nil
}

// DefaultSignInExperience returns the sign-in experience of a new self-hosted
// Logto (1.42: the first GET of a fresh server), without id and tenant.
func DefaultSignInExperience() SignInExperience {
	var e SignInExperience
	if err := json.Unmarshal([]byte(defaultSignInExperienceJSON), &e); err != nil {
		panic("logto: the default sign-in experience does not decode: " + err.Error())
	}
	return e
}

// defaultSignInExperienceJSON is what a fresh self-hosted Logto 1.42.0 answers
// to GET /api/sign-in-exp, without tenantId and id.
const defaultSignInExperienceJSON = `{
  "color": {"primaryColor": "#6139F6", "isDarkModeEnabled": false, "darkPrimaryColor": "#8768F8"},
  "branding": {"logoUrl": "https://logto.io/logo.svg", "darkLogoUrl": "https://logto.io/logo-dark.svg"},
  "hideLogtoBranding": false,
  "languageInfo": {"autoDetect": true, "fallbackLanguage": "en"},
  "termsOfUseUrl": null,
  "privacyPolicyUrl": null,
  "agreeToTermsPolicy": "Automatic",
  "signIn": {"methods": [{"identifier": "username", "password": true, "verificationCode": false, "isPasswordPrimary": true}]},
  "signUp": {"identifiers": ["username"], "password": true, "verify": false},
  "socialSignIn": {},
  "socialSignInConnectorTargets": [],
  "signInMode": "SignInAndRegister",
  "customCss": null,
  "customContent": {},
  "customUiAssets": null,
  "customUiCsp": {},
  "passwordPolicy": {},
  "mfa": {"factors": [], "policy": "UserControlled"},
  "adaptiveMfa": {},
  "singleSignOnEnabled": false,
  "supportEmail": null,
  "supportWebsiteUrl": null,
  "unknownSessionRedirectUrl": null,
  "captchaPolicy": {},
  "sentinelPolicy": {},
  "emailBlocklistPolicy": {},
  "verificationCodePolicy": {},
  "forgotPasswordMethods": [],
  "passkeySignIn": {},
  "signUpProfileFields": null,
  "passwordExpiration": {},
  "usernamePolicy": {"caseSensitive": true, "minLength": 1, "maxLength": 128,
    "allowedChars": {"lowercase": true, "uppercase": true, "numbers": true, "underscore": true}}
}`

// JSON names of the modelled fields of each type, for Extra.
var (
	signInExpKeys        = jsonKeys(reflect.TypeFor[SignInExperience]())
	signInExpColorKeys   = jsonKeys(reflect.TypeFor[SignInExpColor]())
	signInExpBrandKeys   = jsonKeys(reflect.TypeFor[SignInExpBranding]())
	signInExpLangKeys    = jsonKeys(reflect.TypeFor[SignInExpLanguageInfo]())
	signInExpSignInKeys  = jsonKeys(reflect.TypeFor[SignInExpSignIn]())
	signInExpMethodKeys  = jsonKeys(reflect.TypeFor[SignInExpSignInMethod]())
	signInExpSignUpKeys  = jsonKeys(reflect.TypeFor[SignInExpSignUp]())
	signInExpMfaKeys     = jsonKeys(reflect.TypeFor[SignInExpMfa]())
	signInExpPolicyKeys  = jsonKeys(reflect.TypeFor[SignInExpPasswordPolicy]())
	signInExpLengthKeys  = jsonKeys(reflect.TypeFor[SignInExpPasswordLength]())
	signInExpCharKeys    = jsonKeys(reflect.TypeFor[SignInExpCharacterTypes]())
	signInExpRejectsKeys = jsonKeys(reflect.TypeFor[SignInExpPasswordReject]())
)

// MarshalJSON encodes the known fields over Extra; nil lists become [].
func (e SignInExperience) MarshalJSON() ([]byte, error) {
	type plain SignInExperience
	p := plain(e)
	if p.SocialSignInConnectorTargets == nil {
		p.SocialSignInConnectorTargets = []string{}
	}
	return marshalWithExtra(p, e.Extra, signInExpKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (e *SignInExperience) UnmarshalJSON(data []byte) error {
	type plain SignInExperience
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*e = SignInExperience(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (c SignInExpColor) MarshalJSON() ([]byte, error) {
	type plain SignInExpColor
	return marshalWithExtra(plain(c), c.Extra, signInExpColorKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (c *SignInExpColor) UnmarshalJSON(data []byte) error {
	type plain SignInExpColor
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpColorKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*c = SignInExpColor(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (b SignInExpBranding) MarshalJSON() ([]byte, error) {
	type plain SignInExpBranding
	return marshalWithExtra(plain(b), b.Extra, signInExpBrandKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (b *SignInExpBranding) UnmarshalJSON(data []byte) error {
	type plain SignInExpBranding
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpBrandKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*b = SignInExpBranding(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (l SignInExpLanguageInfo) MarshalJSON() ([]byte, error) {
	type plain SignInExpLanguageInfo
	return marshalWithExtra(plain(l), l.Extra, signInExpLangKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (l *SignInExpLanguageInfo) UnmarshalJSON(data []byte) error {
	type plain SignInExpLanguageInfo
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpLangKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*l = SignInExpLanguageInfo(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra; nil methods become [].
func (s SignInExpSignIn) MarshalJSON() ([]byte, error) {
	type plain SignInExpSignIn
	p := plain(s)
	if p.Methods == nil {
		p.Methods = []SignInExpSignInMethod{}
	}
	return marshalWithExtra(p, s.Extra, signInExpSignInKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (s *SignInExpSignIn) UnmarshalJSON(data []byte) error {
	type plain SignInExpSignIn
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpSignInKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*s = SignInExpSignIn(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (m SignInExpSignInMethod) MarshalJSON() ([]byte, error) {
	type plain SignInExpSignInMethod
	return marshalWithExtra(plain(m), m.Extra, signInExpMethodKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (m *SignInExpSignInMethod) UnmarshalJSON(data []byte) error {
	type plain SignInExpSignInMethod
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpMethodKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*m = SignInExpSignInMethod(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra; nil identifiers become [].
func (s SignInExpSignUp) MarshalJSON() ([]byte, error) {
	type plain SignInExpSignUp
	p := plain(s)
	if p.Identifiers == nil {
		p.Identifiers = []string{}
	}
	return marshalWithExtra(p, s.Extra, signInExpSignUpKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (s *SignInExpSignUp) UnmarshalJSON(data []byte) error {
	type plain SignInExpSignUp
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpSignUpKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*s = SignInExpSignUp(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra; nil factors become [].
func (m SignInExpMfa) MarshalJSON() ([]byte, error) {
	type plain SignInExpMfa
	p := plain(m)
	if p.Factors == nil {
		p.Factors = []string{}
	}
	return marshalWithExtra(p, m.Extra, signInExpMfaKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (m *SignInExpMfa) UnmarshalJSON(data []byte) error {
	type plain SignInExpMfa
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpMfaKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*m = SignInExpMfa(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (p SignInExpPasswordPolicy) MarshalJSON() ([]byte, error) {
	type plain SignInExpPasswordPolicy
	return marshalWithExtra(plain(p), p.Extra, signInExpPolicyKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (p *SignInExpPasswordPolicy) UnmarshalJSON(data []byte) error {
	type plain SignInExpPasswordPolicy
	var v plain
	extra, err := unmarshalWithExtra(data, &v, signInExpPolicyKeys)
	if err != nil {
		return err
	}
	v.Extra = extra
	*p = SignInExpPasswordPolicy(v)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (l SignInExpPasswordLength) MarshalJSON() ([]byte, error) {
	type plain SignInExpPasswordLength
	return marshalWithExtra(plain(l), l.Extra, signInExpLengthKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (l *SignInExpPasswordLength) UnmarshalJSON(data []byte) error {
	type plain SignInExpPasswordLength
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpLengthKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*l = SignInExpPasswordLength(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (c SignInExpCharacterTypes) MarshalJSON() ([]byte, error) {
	type plain SignInExpCharacterTypes
	return marshalWithExtra(plain(c), c.Extra, signInExpCharKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (c *SignInExpCharacterTypes) UnmarshalJSON(data []byte) error {
	type plain SignInExpCharacterTypes
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpCharKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*c = SignInExpCharacterTypes(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (r SignInExpPasswordReject) MarshalJSON() ([]byte, error) {
	type plain SignInExpPasswordReject
	return marshalWithExtra(plain(r), r.Extra, signInExpRejectsKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (r *SignInExpPasswordReject) UnmarshalJSON(data []byte) error {
	type plain SignInExpPasswordReject
	var p plain
	extra, err := unmarshalWithExtra(data, &p, signInExpRejectsKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*r = SignInExpPasswordReject(p)
	return nil
}
