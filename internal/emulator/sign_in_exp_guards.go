package emulator

import (
	"regexp"
	"sort"
)

// The PATCH /api/sign-in-exp body guard, after Logto's SignInExperiences.createGuard (without id,
// with the URL and e-mail fields accepting "" and the password expiration and verification code
// policies redefined) made partial. Keys are checked in the guard's shape order; unknown keys
// are dropped.

// Enums of the sign-in experience, in Logto's order (it shows in validation messages).
var (
	agreeToTermsPolicies     = []string{"Automatic", "ManualRegistrationOnly", "Manual"}
	signInIdentifiers        = []string{"username", "email", "phone"}
	alternativeSignUpIDs     = []string{"emailOrPhone"}
	signInModes              = []string{"SignIn", "Register", "SignInAndRegister"}
	mfaFactors               = []string{"Totp", "WebAuthn", "BackupCode", "EmailVerificationCode", "PhoneVerificationCode"}
	orgRequiredMfaPolicies   = []string{"NoPrompt", "Mandatory"}
	forgotPasswordMethodEnum = []string{"EmailVerificationCode", "PhoneVerificationCode"}
	mfaPolicies              = []string{
		"UserControlled", "Mandatory", "PromptOnlyAtSignIn", "PromptAtSignInAndSignUp", "NoPrompt",
		"PromptAtSignInAndSignUpMandatory", "PromptOnlyAtSignInMandatory",
	}
)

// hexColor is @logto/core-kit's hexColorRegEx.
var hexColor = regexp.MustCompile(`(?i)^#[\da-f]{3}([\da-f]{3})?$`)

// setting is a PATCH key: set when the body has it, with its validated value.
type setting[T any] struct {
	set bool
	v   T
}

func (s *setting[T]) put(v T) { s.set, s.v = true, v }

// signInExpPatch is a validated PATCH body.
type signInExpPatch struct {
	TenantID                     setting[string]
	Color                        setting[SignInExpColor]
	Branding                     setting[SignInExpBranding]
	HideLogtoBranding            setting[bool]
	LanguageInfo                 setting[SignInExpLanguageInfo]
	AgreeToTermsPolicy           setting[string]
	SignIn                       setting[SignInExpSignIn]
	SignUp                       setting[SignInExpSignUp]
	SocialSignIn                 setting[SignInExpSocialSignIn]
	SocialSignInConnectorTargets setting[[]string]
	SignInMode                   setting[string]
	CustomCSS                    setting[*string]
	CustomContent                setting[JSONObject]
	CustomUIAssets               setting[*SignInExpCustomUIAssets]
	CustomUICsp                  setting[SignInExpCustomUICsp]
	PasswordPolicy               setting[SignInExpPasswordPolicy]
	Mfa                          setting[SignInExpMfa]
	AdaptiveMfa                  setting[SignInExpEnabled]
	SingleSignOnEnabled          setting[bool]
	CaptchaPolicy                setting[SignInExpEnabled]
	SentinelPolicy               setting[SignInExpSentinelPolicy]
	EmailBlocklistPolicy         setting[SignInExpEmailBlocklistPolicy]
	ForgotPasswordMethods        setting[*[]string]
	PasskeySignIn                setting[SignInExpPasskeySignIn]
	SignUpProfileFields          setting[*[]SignInExpProfileField]
	UsernamePolicy               setting[SignInExpUsernamePolicy]
	TermsOfUseURL                setting[*string]
	PrivacyPolicyURL             setting[*string]
	SupportEmail                 setting[*string]
	SupportWebsiteURL            setting[*string]
	UnknownSessionRedirectURL    setting[*string]
	PasswordExpiration           setting[SignInExpPasswordExpiration]
	VerificationCodePolicy       setting[SignInExpVerificationCodePolicy]
}

// parseSignInExpPatch validates a PATCH body.
func parseSignInExpPatch(body any) (*signInExpPatch, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &signInExpPatch{}
	at := func(key string) (field, bool) {
		f := fieldOf(obj, path{}, key)
		return f, f.present
	}
	if f, ok := at("tenantId"); ok {
		if v, valid := z.str(f, false, false, 0, 21); valid && v != nil {
			in.TenantID.put(*v)
		}
	}
	if f, ok := at("color"); ok {
		if v, valid := z.sieColor(f); valid {
			in.Color.put(v)
		}
	}
	if f, ok := at("branding"); ok {
		if v, valid := z.sieBranding(f); valid {
			in.Branding.put(v)
		}
	}
	if f, ok := at("hideLogtoBranding"); ok {
		if v := z.boolean(f); v != nil {
			in.HideLogtoBranding.put(*v)
		}
	}
	if f, ok := at("languageInfo"); ok {
		if v, valid := z.sieLanguageInfo(f); valid {
			in.LanguageInfo.put(v)
		}
	}
	if f, ok := at("agreeToTermsPolicy"); ok {
		if v := z.nativeEnum(f, agreeToTermsPolicies, false); v != nil {
			in.AgreeToTermsPolicy.put(*v)
		}
	}
	if f, ok := at("signIn"); ok {
		if v, valid := z.sieSignIn(f); valid {
			in.SignIn.put(v)
		}
	}
	if f, ok := at("signUp"); ok {
		if v, valid := z.sieSignUp(f); valid {
			in.SignUp.put(v)
		}
	}
	if f, ok := at("socialSignIn"); ok {
		if o := z.object(f); o != nil {
			before := len(z.issues)
			v := SignInExpSocialSignIn{
				AutomaticAccountLinking: z.boolean(fieldOf(o, f.p, "automaticAccountLinking")),
				SkipRequiredIdentifiers: z.boolean(fieldOf(o, f.p, "skipRequiredIdentifiers")),
			}
			if len(z.issues) == before {
				in.SocialSignIn.put(v)
			}
		}
	}
	if f, ok := at("socialSignInConnectorTargets"); ok {
		before := len(z.issues)
		if v := z.stringArray(f, true, nil); len(z.issues) == before {
			in.SocialSignInConnectorTargets.put(v)
		}
	}
	if f, ok := at("signInMode"); ok {
		if v := z.nativeEnum(f, signInModes, false); v != nil {
			in.SignInMode.put(*v)
		}
	}
	if f, ok := at("customCss"); ok {
		if v, valid := z.str(f, false, true, 0, 0); valid {
			in.CustomCSS.put(emptyAsNull(v))
		}
	}
	if f, ok := at("customContent"); ok {
		if v, valid := z.stringRecord(f); valid {
			in.CustomContent.put(v)
		}
	}
	if f, ok := at("customUiAssets"); ok {
		if v, valid := z.sieCustomUIAssets(f); valid {
			in.CustomUIAssets.put(v)
		}
	}
	if f, ok := at("customUiCsp"); ok {
		if v, valid := z.sieCustomUICsp(f); valid {
			in.CustomUICsp.put(v)
		}
	}
	if f, ok := at("passwordPolicy"); ok {
		if v, valid := z.siePasswordPolicy(f); valid {
			in.PasswordPolicy.put(v)
		}
	}
	if f, ok := at("mfa"); ok {
		if v, valid := z.sieMfa(f); valid {
			in.Mfa.put(v)
		}
	}
	if f, ok := at("adaptiveMfa"); ok {
		if v, valid := z.sieEnabled(f); valid {
			in.AdaptiveMfa.put(v)
		}
	}
	if f, ok := at("singleSignOnEnabled"); ok {
		if v := z.boolean(f); v != nil {
			in.SingleSignOnEnabled.put(*v)
		}
	}
	if f, ok := at("captchaPolicy"); ok {
		if v, valid := z.sieEnabled(f); valid {
			in.CaptchaPolicy.put(v)
		}
	}
	if f, ok := at("sentinelPolicy"); ok {
		if o := z.object(f); o != nil {
			before := len(z.issues)
			v := SignInExpSentinelPolicy{
				MaxAttempts:     z.number(fieldOf(o, f.p, "maxAttempts"), numberRule{}),
				LockoutDuration: z.number(fieldOf(o, f.p, "lockoutDuration"), numberRule{}),
			}
			if len(z.issues) == before {
				in.SentinelPolicy.put(v)
			}
		}
	}
	if f, ok := at("emailBlocklistPolicy"); ok {
		if v, valid := z.sieEmailBlocklistPolicy(f); valid {
			in.EmailBlocklistPolicy.put(v)
		}
	}
	if f, ok := at("forgotPasswordMethods"); ok {
		if f.value == nil {
			in.ForgotPasswordMethods.put(nil)
		} else if v, valid := z.enumArray(f, forgotPasswordMethodEnum); valid {
			in.ForgotPasswordMethods.put(&v)
		}
	}
	if f, ok := at("passkeySignIn"); ok {
		if o := z.object(f); o != nil {
			before := len(z.issues)
			v := SignInExpPasskeySignIn{
				Enabled:           z.boolean(fieldOf(o, f.p, "enabled")),
				ShowPasskeyButton: z.boolean(fieldOf(o, f.p, "showPasskeyButton")),
				AllowAutofill:     z.boolean(fieldOf(o, f.p, "allowAutofill")),
			}
			if len(z.issues) == before {
				in.PasskeySignIn.put(v)
			}
		}
	}
	if f, ok := at("signUpProfileFields"); ok {
		if v, valid := z.sieProfileFields(f); valid {
			in.SignUpProfileFields.put(v)
		}
	}
	if f, ok := at("usernamePolicy"); ok {
		if v, valid := z.sieUsernamePolicy(f); valid {
			in.UsernamePolicy.put(v)
		}
	}
	urlFields := []struct {
		key    string
		target *setting[*string]
		email  bool
	}{
		{"termsOfUseUrl", &in.TermsOfUseURL, false},
		{"privacyPolicyUrl", &in.PrivacyPolicyURL, false},
		{"supportEmail", &in.SupportEmail, true},
		{"supportWebsiteUrl", &in.SupportWebsiteURL, false},
		{"unknownSessionRedirectUrl", &in.UnknownSessionRedirectURL, false},
	}
	for _, u := range urlFields {
		f, ok := at(u.key)
		if !ok {
			continue
		}
		check, report := isZodURL, z.invalidURL
		if u.email {
			check, report = isZodEmail, z.invalidEmail
		}
		if v, valid := z.stringOrEmpty(f, check, report); valid {
			u.target.put(v)
		}
	}
	if f, ok := at("passwordExpiration"); ok {
		if v, valid := z.siePasswordExpiration(f); valid {
			in.PasswordExpiration.put(v)
		}
	}
	if f, ok := at("verificationCodePolicy"); ok {
		if o := z.object(f); o != nil {
			before := len(z.issues)
			v := SignInExpVerificationCodePolicy{
				ExpirationDuration: z.number(fieldOf(o, f.p, "expirationDuration"),
					numberRule{integer: true, minimum: ptr(60.0), maximum: ptr(3600.0)}),
				MaxRetryAttempts: z.number(fieldOf(o, f.p, "maxRetryAttempts"),
					numberRule{integer: true, minimum: ptr(1.0), maximum: ptr(100.0)}),
			}
			if len(z.issues) == before {
				in.VerificationCodePolicy.put(v)
			}
		}
	}
	return in, z
}

// emptyAsNull stores "" as null, as Logto's SQL value conversion does for top-level strings.
func emptyAsNull(s *string) *string {
	if s != nil && *s == "" {
		return nil
	}
	return s
}

// checked runs a group's checks and reports whether they added no issue.
func (z *zodIssues) checked(run func()) bool {
	before := len(z.issues)
	run()
	return len(z.issues) == before
}

func (z *zodIssues) sieColor(f field) (SignInExpColor, bool) {
	var out SignInExpColor
	o := z.object(f)
	if o == nil {
		return out, false
	}
	color := func(key string) string {
		g := fieldOf(o, f.p, key)
		s, valid := z.str(g, true, false, 0, 0)
		if valid && s != nil && !hexColor.MatchString(*s) {
			z.invalidRegex(g.p)
		}
		if s == nil {
			return ""
		}
		return *s
	}
	ok := z.checked(func() {
		out.PrimaryColor = color("primaryColor")
		out.IsDarkModeEnabled, _ = z.requiredBool(fieldOf(o, f.p, "isDarkModeEnabled"))
		out.DarkPrimaryColor = color("darkPrimaryColor")
	})
	return out, ok
}

func (z *zodIssues) sieBranding(f field) (SignInExpBranding, bool) {
	var out SignInExpBranding
	o := z.object(f)
	if o == nil {
		return out, false
	}
	url := func(key string) *string {
		g := fieldOf(o, f.p, key)
		s, valid := z.str(g, false, false, 0, 0)
		if valid && s != nil && !isZodURL(*s) {
			z.invalidURL(g.p)
		}
		return s
	}
	ok := z.checked(func() {
		out.LogoURL = url("logoUrl")
		out.DarkLogoURL = url("darkLogoUrl")
		out.Favicon = url("favicon")
		out.DarkFavicon = url("darkFavicon")
	})
	return out, ok
}

func (z *zodIssues) sieLanguageInfo(f field) (SignInExpLanguageInfo, bool) {
	var out SignInExpLanguageInfo
	o := z.object(f)
	if o == nil {
		return out, false
	}
	ok := z.checked(func() {
		out.AutoDetect, _ = z.requiredBool(fieldOf(o, f.p, "autoDetect"))
		lang := fieldOf(o, f.p, "fallbackLanguage")
		if !isLanguageTag(lang.value) {
			z.custom(lang.p)
			return
		}
		out.FallbackLanguage, _ = lang.value.(string)
	})
	return out, ok
}

func (z *zodIssues) sieSignIn(f field) (SignInExpSignIn, bool) {
	out := SignInExpSignIn{Methods: []SignInExpSignInMethod{}}
	o := z.object(f)
	if o == nil {
		return out, false
	}
	ok := z.checked(func() {
		methods := fieldOf(o, f.p, "methods")
		list, isList := methods.value.([]any)
		if !isList {
			z.invalidType(methods.p, "array", zodType(methods.value, methods.present))
			return
		}
		for i, item := range list {
			p := methods.p.with(i)
			m := z.object(field{p: p, value: item, present: true})
			if m == nil {
				continue
			}
			var method SignInExpSignInMethod
			if id := z.nativeEnum(fieldOf(m, p, "identifier"), signInIdentifiers, true); id != nil {
				method.Identifier = *id
			}
			method.Password, _ = z.requiredBool(fieldOf(m, p, "password"))
			method.VerificationCode, _ = z.requiredBool(fieldOf(m, p, "verificationCode"))
			method.IsPasswordPrimary, _ = z.requiredBool(fieldOf(m, p, "isPasswordPrimary"))
			out.Methods = append(out.Methods, method)
		}
	})
	return out, ok
}

func (z *zodIssues) sieSignUp(f field) (SignInExpSignUp, bool) {
	var out SignInExpSignUp
	o := z.object(f)
	if o == nil {
		return out, false
	}
	ok := z.checked(func() {
		out.Identifiers, _ = z.enumArray(fieldOf(o, f.p, "identifiers"), signInIdentifiers)
		out.Password, _ = z.requiredBool(fieldOf(o, f.p, "password"))
		out.Verify, _ = z.requiredBool(fieldOf(o, f.p, "verify"))
		secondary := fieldOf(o, f.p, "secondaryIdentifiers")
		if !secondary.present {
			return
		}
		list, isList := secondary.value.([]any)
		if !isList {
			z.invalidType(secondary.p, "array", zodType(secondary.value, true))
			return
		}
		items := []SignInExpSecondaryIdentifier{}
		for i, item := range list {
			p := secondary.p.with(i)
			m := z.object(field{p: p, value: item, present: true})
			if m == nil {
				continue
			}
			var entry SignInExpSecondaryIdentifier
			id := fieldOf(m, p, "identifier")
			asPrimary, asAlternative := &zodIssues{}, &zodIssues{}
			if v := asPrimary.nativeEnum(id, signInIdentifiers, true); v != nil {
				entry.Identifier = *v
			} else if v := asAlternative.nativeEnum(id, alternativeSignUpIDs, true); v != nil {
				entry.Identifier = *v
			} else {
				z.invalidUnion(id.p, asPrimary, asAlternative)
			}
			entry.Verify = z.boolean(fieldOf(m, p, "verify"))
			items = append(items, entry)
		}
		out.SecondaryIdentifiers = &items
	})
	return out, ok
}

// stringRecord validates z.record(z.string()); issues of several keys come in key order.
func (z *zodIssues) stringRecord(f field) (JSONObject, bool) {
	o := z.object(f)
	if o == nil {
		return nil, false
	}
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := JSONObject{}
	ok := z.checked(func() {
		for _, k := range keys {
			if s, valid := z.str(fieldOf(o, f.p, k), true, false, 0, 0); valid && s != nil {
				out[k] = *s
			}
		}
	})
	return out, ok
}

func (z *zodIssues) sieCustomUIAssets(f field) (*SignInExpCustomUIAssets, bool) {
	if f.value == nil {
		return nil, true
	}
	o := z.object(f)
	if o == nil {
		return nil, false
	}
	out := &SignInExpCustomUIAssets{}
	ok := z.checked(func() {
		if id, _ := z.str(fieldOf(o, f.p, "id"), true, false, 0, 0); id != nil {
			out.ID = *id
		}
		if n := z.number(fieldOf(o, f.p, "createdAt"), numberRule{required: true}); n != nil {
			out.CreatedAt = *n
		}
	})
	return out, ok
}

func (z *zodIssues) sieCustomUICsp(f field) (SignInExpCustomUICsp, bool) {
	var out SignInExpCustomUICsp
	o := z.object(f)
	if o == nil {
		return out, false
	}
	ok := z.checked(func() {
		for _, d := range []struct {
			key    string
			target **[]string
		}{{"scriptSrc", &out.ScriptSrc}, {"connectSrc", &out.ConnectSrc}} {
			if g := fieldOf(o, f.p, d.key); g.present {
				list := z.stringArray(g, true, nil)
				*d.target = &list
			}
		}
		var unknown []string
		for k := range o {
			if k != "scriptSrc" && k != "connectSrc" {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			z.unrecognizedKeys(f.p, unknown)
		}
	})
	return out, ok
}

// siePasswordPolicy validates the deep-partial password policy: a given group gets Logto's
// defaults for its missing keys.
func (z *zodIssues) siePasswordPolicy(f field) (SignInExpPasswordPolicy, bool) {
	var out SignInExpPasswordPolicy
	o := z.object(f)
	if o == nil {
		return out, false
	}
	positiveInt := numberRule{integer: true, minimum: ptr(1.0)}
	orDefault := func(n *float64, def float64) float64 {
		if n == nil {
			return def
		}
		return *n
	}
	boolOrTrue := func(g field) bool {
		if b := z.boolean(g); b != nil {
			return *b
		}
		return true
	}
	ok := z.checked(func() {
		if g := fieldOf(o, f.p, "length"); g.present {
			if l := z.object(g); l != nil {
				out.Length = &SignInExpPasswordLength{
					Min: orDefault(z.number(fieldOf(l, g.p, "min"), positiveInt), 8),
					Max: orDefault(z.number(fieldOf(l, g.p, "max"), positiveInt), 256),
				}
			}
		}
		if g := fieldOf(o, f.p, "characterTypes"); g.present {
			if c := z.object(g); c != nil {
				rule := numberRule{integer: true, minimum: ptr(1.0), maximum: ptr(4.0)}
				out.CharacterTypes = &SignInExpCharacterTypes{Min: orDefault(z.number(fieldOf(c, g.p, "min"), rule), 1)}
			}
		}
		if g := fieldOf(o, f.p, "rejects"); g.present {
			if r := z.object(g); r != nil {
				rejects := &SignInExpPasswordRejects{
					Pwned:                 boolOrTrue(fieldOf(r, g.p, "pwned")),
					RepetitionAndSequence: boolOrTrue(fieldOf(r, g.p, "repetitionAndSequence")),
					UserInfo:              boolOrTrue(fieldOf(r, g.p, "userInfo")),
					Words:                 []string{},
				}
				if w := fieldOf(r, g.p, "words"); w.present {
					rejects.Words = z.stringArray(w, true, nil)
				}
				out.Rejects = rejects
			}
		}
	})
	return out, ok
}

func (z *zodIssues) sieMfa(f field) (SignInExpMfa, bool) {
	var out SignInExpMfa
	o := z.object(f)
	if o == nil {
		return out, false
	}
	ok := z.checked(func() {
		out.Factors, _ = z.enumArray(fieldOf(o, f.p, "factors"), mfaFactors)
		if v := z.nativeEnum(fieldOf(o, f.p, "policy"), mfaPolicies, true); v != nil {
			out.Policy = *v
		}
		out.OrganizationRequiredMfaPolicy = z.nativeEnum(fieldOf(o, f.p, "organizationRequiredMfaPolicy"), orgRequiredMfaPolicies, false)
	})
	return out, ok
}

func (z *zodIssues) sieEnabled(f field) (SignInExpEnabled, bool) {
	var out SignInExpEnabled
	o := z.object(f)
	if o == nil {
		return out, false
	}
	ok := z.checked(func() { out.Enabled = z.boolean(fieldOf(o, f.p, "enabled")) })
	return out, ok
}

func (z *zodIssues) sieEmailBlocklistPolicy(f field) (SignInExpEmailBlocklistPolicy, bool) {
	var out SignInExpEmailBlocklistPolicy
	o := z.object(f)
	if o == nil {
		return out, false
	}
	list := func(key string) *[]string {
		g := fieldOf(o, f.p, key)
		if !g.present {
			return nil
		}
		v := z.stringArray(g, true, nil)
		return &v
	}
	ok := z.checked(func() {
		out.BlockDisposableAddresses = z.boolean(fieldOf(o, f.p, "blockDisposableAddresses"))
		out.BlockSubaddressing = z.boolean(fieldOf(o, f.p, "blockSubaddressing"))
		out.CustomAllowlist = list("customAllowlist")
		out.CustomBlocklist = list("customBlocklist")
	})
	return out, ok
}

func (z *zodIssues) sieProfileFields(f field) (*[]SignInExpProfileField, bool) {
	if f.value == nil {
		return nil, true
	}
	list, isList := f.value.([]any)
	if !isList {
		z.invalidType(f.p, "array", zodType(f.value, true))
		return nil, false
	}
	out := []SignInExpProfileField{}
	ok := z.checked(func() {
		for i, item := range list {
			p := f.p.with(i)
			if m := z.object(field{p: p, value: item, present: true}); m != nil {
				if name, _ := z.str(fieldOf(m, p, "name"), true, false, 0, 0); name != nil {
					out = append(out, SignInExpProfileField{Name: *name})
				}
			}
		}
	})
	return &out, ok
}

// sieUsernamePolicy validates usernamePolicyGuard, whose two refinements run once every key has
// the right type.
func (z *zodIssues) sieUsernamePolicy(f field) (SignInExpUsernamePolicy, bool) {
	var out SignInExpUsernamePolicy
	o := z.object(f)
	if o == nil {
		return out, false
	}
	lengthRule := numberRule{integer: true, minimum: ptr(1.0), maximum: ptr(128.0), required: true}
	ok := z.checked(func() {
		typesOK := true
		var okField bool
		out.CaseSensitive, okField = z.requiredBool(fieldOf(o, f.p, "caseSensitive"))
		typesOK = typesOK && okField
		for _, n := range []struct {
			key    string
			target *float64
		}{{"minLength", &out.MinLength}, {"maxLength", &out.MaxLength}} {
			g := fieldOf(o, f.p, n.key)
			value, isNumber := g.value.(float64)
			typesOK = typesOK && isNumber
			z.number(g, lengthRule)
			*n.target = value
		}
		chars := fieldOf(o, f.p, "allowedChars")
		if c := z.object(chars); c != nil {
			before := len(z.issues)
			out.AllowedChars.Lowercase, _ = z.requiredBool(fieldOf(c, chars.p, "lowercase"))
			out.AllowedChars.Uppercase, _ = z.requiredBool(fieldOf(c, chars.p, "uppercase"))
			out.AllowedChars.Numbers, _ = z.requiredBool(fieldOf(c, chars.p, "numbers"))
			out.AllowedChars.Underscore, _ = z.requiredBool(fieldOf(c, chars.p, "underscore"))
			typesOK = typesOK && len(z.issues) == before
		} else {
			typesOK = false
		}
		if !typesOK {
			return
		}
		if out.MinLength > out.MaxLength {
			z.customMessage(f.p.with("maxLength"), "Minimum length cannot exceed maximum length.")
		}
		if c := out.AllowedChars; !c.Lowercase && !c.Uppercase && !c.Underscore {
			z.customMessage(f.p.with("allowedChars"),
				"At least one of lowercase, uppercase, or underscore must be enabled. Usernames cannot start with a number, so numbers alone are not allowed.")
		}
	})
	return out, ok
}

// siePasswordExpiration validates the union {enabled?: false} | {enabled: true,
// validPeriodDays: int ≥ 1, enabledAt?: int ≥ 0}; unknown keys are dropped.
func (z *zodIssues) siePasswordExpiration(f field) (SignInExpPasswordExpiration, bool) {
	var out SignInExpPasswordExpiration
	o, isObject := f.value.(map[string]any)
	if !isObject {
		first, second := &zodIssues{}, &zodIssues{}
		first.invalidType(f.p, "object", zodType(f.value, true))
		second.invalidType(f.p, "object", zodType(f.value, true))
		z.invalidUnion(f.p, first, second)
		return out, false
	}
	enabled := fieldOf(o, f.p, "enabled")
	if !enabled.present || enabled.value == false {
		if enabled.present {
			out.Enabled = ptr(false)
		}
		return out, true
	}
	first := &zodIssues{}
	first.invalidLiteralValue(enabled.p, false, enabled.value)
	second := &zodIssues{}
	aborted := false
	if enabled.value != true {
		second.invalidLiteralValue(enabled.p, true, enabled.value)
		aborted = true
	}
	days := fieldOf(o, f.p, "validPeriodDays")
	if _, isNumber := days.value.(float64); !isNumber {
		aborted = true
	}
	out.Enabled = ptr(true)
	out.ValidPeriodDays = second.number(days, numberRule{integer: true, minimum: ptr(1.0), required: true})
	at := fieldOf(o, f.p, "enabledAt")
	if at.present {
		if _, isNumber := at.value.(float64); !isNumber {
			aborted = true
		}
	}
	out.EnabledAt = second.number(at, numberRule{integer: true, minimum: ptr(0.0)})
	switch {
	case second.empty():
		return out, true
	case !aborted: // the second option is only "dirty": zod reports its issues alone
		z.issues = append(z.issues, second.issues...)
		z.details = append(z.details, second.details...)
	default:
		z.invalidUnion(f.p, first, second)
	}
	return out, false
}
