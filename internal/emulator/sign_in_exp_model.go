package emulator

import "encoding/json"

// SignInExperience is the tenant's sign-in experience as GET /api/sign-in-exp returns it. Field
// order and JSON names match Logto's answers; nested objects follow their guards' key order.
// PATCH replaces each top-level field as a whole.
type SignInExperience struct {
	// TenantID is the tenant; "default" on self-hosted Logto.
	TenantID string `json:"tenantId"`
	// ID is always "default".
	ID string `json:"id"`
	// Color holds the brand colors.
	Color SignInExpColor `json:"color"`
	// Branding holds logo and favicon URLs.
	Branding SignInExpBranding `json:"branding"`
	// HideLogtoBranding hides "Powered by Logto" (Logto Cloud only).
	HideLogtoBranding bool `json:"hideLogtoBranding"`
	// LanguageInfo selects the sign-in page language.
	LanguageInfo SignInExpLanguageInfo `json:"languageInfo"`
	// TermsOfUseURL is the terms of use link; null when not set.
	TermsOfUseURL *string `json:"termsOfUseUrl"`
	// PrivacyPolicyURL is the privacy policy link; null when not set.
	PrivacyPolicyURL *string `json:"privacyPolicyUrl"`
	// AgreeToTermsPolicy is Automatic, ManualRegistrationOnly or Manual.
	AgreeToTermsPolicy string `json:"agreeToTermsPolicy"`
	// SignIn lists the sign-in methods.
	SignIn SignInExpSignIn `json:"signIn"`
	// SignUp holds the sign-up identifiers and requirements.
	SignUp SignInExpSignUp `json:"signUp"`
	// SocialSignIn holds the social sign-in options.
	SocialSignIn SignInExpSocialSignIn `json:"socialSignIn"`
	// SocialSignInConnectorTargets are the social connectors shown, by target.
	SocialSignInConnectorTargets []string `json:"socialSignInConnectorTargets"`
	// SignInMode is SignIn, Register or SignInAndRegister.
	SignInMode string `json:"signInMode"`
	// CustomCSS is extra CSS for the sign-in page; null when not set.
	CustomCSS *string `json:"customCss"`
	// CustomContent maps page paths to custom HTML.
	CustomContent JSONObject `json:"customContent"`
	// CustomUIAssets points to an uploaded custom UI bundle; null when not set.
	CustomUIAssets *SignInExpCustomUIAssets `json:"customUiAssets"`
	// CustomUICsp holds extra CSP sources for a custom UI (Logto Cloud only).
	CustomUICsp SignInExpCustomUICsp `json:"customUiCsp"`
	// PasswordPolicy is the password policy; absent groups use Logto's defaults.
	PasswordPolicy SignInExpPasswordPolicy `json:"passwordPolicy"`
	// Mfa holds the MFA factors and prompt policy.
	Mfa SignInExpMfa `json:"mfa"`
	// AdaptiveMfa switches rule-based adaptive MFA.
	AdaptiveMfa SignInExpEnabled `json:"adaptiveMfa"`
	// SingleSignOnEnabled is the Enterprise SSO switch of the sign-in page.
	SingleSignOnEnabled bool `json:"singleSignOnEnabled"`
	// SupportEmail is the support contact; null when not set.
	SupportEmail *string `json:"supportEmail"`
	// SupportWebsiteURL is the support site; null when not set.
	SupportWebsiteURL *string `json:"supportWebsiteUrl"`
	// UnknownSessionRedirectURL is where a sign-in page without a session sends the user.
	UnknownSessionRedirectURL *string `json:"unknownSessionRedirectUrl"`
	// CaptchaPolicy switches the CAPTCHA.
	CaptchaPolicy SignInExpEnabled `json:"captchaPolicy"`
	// SentinelPolicy sets the lockout after failed attempts.
	SentinelPolicy SignInExpSentinelPolicy `json:"sentinelPolicy"`
	// EmailBlocklistPolicy restricts the email addresses users may use.
	EmailBlocklistPolicy SignInExpEmailBlocklistPolicy `json:"emailBlocklistPolicy"`
	// VerificationCodePolicy sets the lifetime and attempts of verification codes.
	VerificationCodePolicy SignInExpVerificationCodePolicy `json:"verificationCodePolicy"`
	// ForgotPasswordMethods are the password reset methods; null means "every method whose
	// connector exists".
	ForgotPasswordMethods *[]string `json:"forgotPasswordMethods"`
	// PasskeySignIn holds the passkey sign-in options.
	PasskeySignIn SignInExpPasskeySignIn `json:"passkeySignIn"`
	// SignUpProfileFields are the custom profile fields collected at sign-up; null means all.
	SignUpProfileFields *[]SignInExpProfileField `json:"signUpProfileFields"`
	// PasswordExpiration is the password expiration policy.
	PasswordExpiration SignInExpPasswordExpiration `json:"passwordExpiration"`
	// UsernamePolicy sets the username rules.
	UsernamePolicy SignInExpUsernamePolicy `json:"usernamePolicy"`
}

// SignInExpColor is the color group; all three keys are required.
type SignInExpColor struct {
	// PrimaryColor is a hex color (#abc or #aabbcc).
	PrimaryColor string `json:"primaryColor"`
	// IsDarkModeEnabled turns the dark theme on.
	IsDarkModeEnabled bool `json:"isDarkModeEnabled"`
	// DarkPrimaryColor is a hex color for the dark theme.
	DarkPrimaryColor string `json:"darkPrimaryColor"`
}

// SignInExpBranding is the branding group; every key is an optional URL.
type SignInExpBranding struct {
	// LogoURL is the logo for the light theme.
	LogoURL *string `json:"logoUrl,omitempty"`
	// DarkLogoURL is the logo for the dark theme.
	DarkLogoURL *string `json:"darkLogoUrl,omitempty"`
	// Favicon is the favicon for the light theme.
	Favicon *string `json:"favicon,omitempty"`
	// DarkFavicon is the favicon for the dark theme.
	DarkFavicon *string `json:"darkFavicon,omitempty"`
}

// SignInExpLanguageInfo is the language group; both keys are required.
type SignInExpLanguageInfo struct {
	// AutoDetect follows the browser's language.
	AutoDetect bool `json:"autoDetect"`
	// FallbackLanguage is a built-in language tag such as "en".
	FallbackLanguage string `json:"fallbackLanguage"`
}

// SignInExpSignIn is the sign-in group.
type SignInExpSignIn struct {
	// Methods are the sign-in methods, in display order.
	Methods []SignInExpSignInMethod `json:"methods"`
}

// SignInExpSignInMethod is one sign-in method.
type SignInExpSignInMethod struct {
	// Identifier is username, email or phone.
	Identifier string `json:"identifier"`
	// Password allows a password.
	Password bool `json:"password"`
	// VerificationCode allows a verification code.
	VerificationCode bool `json:"verificationCode"`
	// IsPasswordPrimary shows the password first.
	IsPasswordPrimary bool `json:"isPasswordPrimary"`
}

// SignInExpSignUp is the sign-up group.
type SignInExpSignUp struct {
	// Identifiers are the primary sign-up identifiers (username, email, phone).
	Identifiers []string `json:"identifiers"`
	// Password requires a password at sign-up.
	Password bool `json:"password"`
	// Verify requires verifying the email or phone number.
	Verify bool `json:"verify"`
	// SecondaryIdentifiers are further identifiers collected at sign-up; nil when not set.
	SecondaryIdentifiers *[]SignInExpSecondaryIdentifier `json:"secondaryIdentifiers,omitempty"`
}

// SignInExpSecondaryIdentifier is one secondary sign-up identifier.
type SignInExpSecondaryIdentifier struct {
	// Identifier is username, email, phone or emailOrPhone.
	Identifier string `json:"identifier"`
	// Verify requires verifying it.
	Verify *bool `json:"verify,omitempty"`
}

// SignInExpSocialSignIn is the social sign-in group.
type SignInExpSocialSignIn struct {
	// AutomaticAccountLinking links a new social identity to the one account with its email.
	AutomaticAccountLinking *bool `json:"automaticAccountLinking,omitempty"`
	// SkipRequiredIdentifiers skips asking for missing sign-up identifiers.
	SkipRequiredIdentifiers *bool `json:"skipRequiredIdentifiers,omitempty"`
}

// SignInExpCustomUIAssets identifies an uploaded custom UI bundle.
type SignInExpCustomUIAssets struct {
	// ID is the bundle id.
	ID string `json:"id"`
	// CreatedAt is the upload time in milliseconds.
	CreatedAt float64 `json:"createdAt"`
}

// SignInExpCustomUICsp holds extra Content-Security-Policy sources.
type SignInExpCustomUICsp struct {
	// ScriptSrc are extra script-src sources.
	ScriptSrc *[]string `json:"scriptSrc,omitempty"`
	// ConnectSrc are extra connect-src sources.
	ConnectSrc *[]string `json:"connectSrc,omitempty"`
}

// SignInExpPasswordPolicy is the password policy; a given sub-object gets Logto's defaults for
// its missing keys, an absent one stays absent.
type SignInExpPasswordPolicy struct {
	// Length bounds the password length.
	Length *SignInExpPasswordLength `json:"length,omitempty"`
	// CharacterTypes sets the minimum number of character types.
	CharacterTypes *SignInExpCharacterTypes `json:"characterTypes,omitempty"`
	// Rejects lists what passwords to reject.
	Rejects *SignInExpPasswordRejects `json:"rejects,omitempty"`
}

// SignInExpPasswordLength bounds the password length (defaults 8 and 256).
type SignInExpPasswordLength struct {
	// Min is the minimum length.
	Min float64 `json:"min"`
	// Max is the maximum length.
	Max float64 `json:"max"`
}

// SignInExpCharacterTypes sets the minimum number of character types (1–4, default 1).
type SignInExpCharacterTypes struct {
	// Min is the minimum number of character types.
	Min float64 `json:"min"`
}

// SignInExpPasswordRejects lists what passwords to reject.
type SignInExpPasswordRejects struct {
	// Pwned rejects breached passwords (default true).
	Pwned bool `json:"pwned"`
	// RepetitionAndSequence rejects "aaaa" and "1234" (default true).
	RepetitionAndSequence bool `json:"repetitionAndSequence"`
	// UserInfo rejects passwords containing the user's data (default true).
	UserInfo bool `json:"userInfo"`
	// Words are custom words to reject (default none).
	Words []string `json:"words"`
}

// SignInExpMfa is the MFA group.
type SignInExpMfa struct {
	// Factors are the enabled factors.
	Factors []string `json:"factors"`
	// Policy is the MFA prompt policy.
	Policy string `json:"policy"`
	// OrganizationRequiredMfaPolicy is NoPrompt or Mandatory; nil when not set.
	OrganizationRequiredMfaPolicy *string `json:"organizationRequiredMfaPolicy,omitempty"`
}

// SignInExpEnabled is a group with one optional "enabled" switch (adaptiveMfa, captchaPolicy).
type SignInExpEnabled struct {
	// Enabled is the switch; nil when not set.
	Enabled *bool `json:"enabled,omitempty"`
}

// SignInExpSentinelPolicy sets the lockout after failed attempts.
type SignInExpSentinelPolicy struct {
	// MaxAttempts is the number of failed attempts allowed in one hour.
	MaxAttempts *float64 `json:"maxAttempts,omitempty"`
	// LockoutDuration is the lockout in minutes.
	LockoutDuration *float64 `json:"lockoutDuration,omitempty"`
}

// SignInExpEmailBlocklistPolicy restricts the email addresses users may use.
type SignInExpEmailBlocklistPolicy struct {
	// BlockDisposableAddresses blocks disposable domains (Logto Cloud only).
	BlockDisposableAddresses *bool `json:"blockDisposableAddresses,omitempty"`
	// BlockSubaddressing blocks "user+tag@" addresses.
	BlockSubaddressing *bool `json:"blockSubaddressing,omitempty"`
	// CustomAllowlist allows only these addresses or "@domains" (deduplicated).
	CustomAllowlist *[]string `json:"customAllowlist,omitempty"`
	// CustomBlocklist blocks these addresses or "@domains" (deduplicated).
	CustomBlocklist *[]string `json:"customBlocklist,omitempty"`
}

// SignInExpVerificationCodePolicy sets the lifetime and attempts of verification codes.
type SignInExpVerificationCodePolicy struct {
	// ExpirationDuration is the lifetime in seconds (60–3600).
	ExpirationDuration *float64 `json:"expirationDuration,omitempty"`
	// MaxRetryAttempts is the number of attempts (1–100).
	MaxRetryAttempts *float64 `json:"maxRetryAttempts,omitempty"`
}

// SignInExpPasskeySignIn holds the passkey sign-in options.
type SignInExpPasskeySignIn struct {
	// Enabled turns passkey sign-in on.
	Enabled *bool `json:"enabled,omitempty"`
	// ShowPasskeyButton shows a passkey button.
	ShowPasskeyButton *bool `json:"showPasskeyButton,omitempty"`
	// AllowAutofill offers passkeys in the browser's autofill.
	AllowAutofill *bool `json:"allowAutofill,omitempty"`
}

// SignInExpProfileField names one custom profile field.
type SignInExpProfileField struct {
	// Name is the field's name.
	Name string `json:"name"`
}

// SignInExpPasswordExpiration is the password expiration policy: {} or {enabled:false}, or
// enabled with a period and the (server-set) time it was enabled.
type SignInExpPasswordExpiration struct {
	// Enabled turns expiration on; nil when not set.
	Enabled *bool `json:"enabled,omitempty"`
	// ValidPeriodDays is the password lifetime (whole days ≥ 1) when enabled.
	ValidPeriodDays *float64 `json:"validPeriodDays,omitempty"`
	// EnabledAt is when the policy was enabled, in milliseconds.
	EnabledAt *float64 `json:"enabledAt,omitempty"`
}

// SignInExpUsernamePolicy sets the username rules; every key is required.
type SignInExpUsernamePolicy struct {
	// CaseSensitive makes usernames case-sensitive.
	CaseSensitive bool `json:"caseSensitive"`
	// MinLength is the minimum length (1–128).
	MinLength float64 `json:"minLength"`
	// MaxLength is the maximum length (1–128, ≥ MinLength).
	MaxLength float64 `json:"maxLength"`
	// AllowedChars are the allowed character classes.
	AllowedChars SignInExpUsernameChars `json:"allowedChars"`
}

// SignInExpUsernameChars are the character classes a username may use.
type SignInExpUsernameChars struct {
	// Lowercase allows a–z.
	Lowercase bool `json:"lowercase"`
	// Uppercase allows A–Z.
	Uppercase bool `json:"uppercase"`
	// Numbers allows 0–9.
	Numbers bool `json:"numbers"`
	// Underscore allows "_".
	Underscore bool `json:"underscore"`
}

// clone deep-copies a sign-in experience through JSON, which every field survives unchanged.
func (e SignInExperience) clone() SignInExperience {
	raw, err := marshalNoEscape(e)
	if err != nil {
		panic("emulator: cloning the sign-in experience: " + err.Error())
	}
	var out SignInExperience
	if err := json.Unmarshal(raw, &out); err != nil {
		panic("emulator: cloning the sign-in experience: " + err.Error())
	}
	normalizeSignInExperience(&out)
	return out
}

// normalizeSignInExperience restores the non-null values JSON or a test hook may have lost.
func normalizeSignInExperience(e *SignInExperience) {
	if e.TenantID == "" {
		e.TenantID = defaultTenantID
	}
	e.ID = signInExpID
	if e.SignIn.Methods == nil {
		e.SignIn.Methods = []SignInExpSignInMethod{}
	}
	if e.SignUp.Identifiers == nil {
		e.SignUp.Identifiers = []string{}
	}
	if e.SocialSignInConnectorTargets == nil {
		e.SocialSignInConnectorTargets = []string{}
	}
	if e.CustomContent == nil {
		e.CustomContent = JSONObject{}
	}
	if e.Mfa.Factors == nil {
		e.Mfa.Factors = []string{}
	}
	if e.PasswordPolicy.Rejects != nil && e.PasswordPolicy.Rejects.Words == nil {
		e.PasswordPolicy.Rejects.Words = []string{}
	}
}
