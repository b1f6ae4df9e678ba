package emulator

import "strings"

// signInExpID is the id of the only sign-in experience.
const signInExpID = "default"

// defaultSignInExperience is what a fresh self-hosted Logto 1.42.0 answers to GET /api/sign-in-exp
// (samples 11 and 27, first GET).
func defaultSignInExperience() SignInExperience {
	return SignInExperience{
		TenantID: defaultTenantID,
		ID:       signInExpID,
		Color:    SignInExpColor{PrimaryColor: "#6139F6", IsDarkModeEnabled: false, DarkPrimaryColor: "#8768F8"},
		Branding: SignInExpBranding{
			LogoURL:     ptr("https://logto.io/logo.svg"),
			DarkLogoURL: ptr("https://logto.io/logo-dark.svg"),
		},
		LanguageInfo:       SignInExpLanguageInfo{AutoDetect: true, FallbackLanguage: "en"},
		AgreeToTermsPolicy: "Automatic",
		SignIn: SignInExpSignIn{Methods: []SignInExpSignInMethod{
			{Identifier: "username", Password: true, VerificationCode: false, IsPasswordPrimary: true},
		}},
		SignUp:                       SignInExpSignUp{Identifiers: []string{"username"}, Password: true, Verify: false},
		SocialSignInConnectorTargets: []string{},
		SignInMode:                   "SignInAndRegister",
		CustomContent:                JSONObject{},
		Mfa:                          SignInExpMfa{Factors: []string{}, Policy: "UserControlled"},
		ForgotPasswordMethods:        &[]string{},
		UsernamePolicy: SignInExpUsernamePolicy{
			CaseSensitive: true, MinLength: 1, MaxLength: 128,
			AllowedChars: SignInExpUsernameChars{Lowercase: true, Uppercase: true, Numbers: true, Underscore: true},
		},
	}
}

// signInExpLocked returns the stored sign-in experience, creating it with Logto's defaults on
// first use. The caller holds s.mu.
func (s *Server) signInExpLocked() *SignInExperience {
	if s.sso.signInExp == nil {
		e := defaultSignInExperience()
		s.sso.signInExp = &e
	}
	return s.sso.signInExp
}

// builtInLanguages are the languages of Logto's sign-in page (@logto/phrases-experience); the
// fallback language must be one of them (custom phrases add more, which the emulator does not
// serve).
var builtInLanguages = []string{
	"ar", "cs", "de", "en", "es", "fa-IR", "fr", "it", "ja", "ko", "pl-PL", "pt-PT", "pt-BR", "ru",
	"th", "tr-TR", "uk-UA", "zh-CN", "zh-HK", "zh-TW",
}

// languageTags are the tags @logto/language-kit knows; languageInfo.fallbackLanguage must be one
// of them (ignoring case) to pass the guard.
var languageTags = strings.Fields(`
	af-ZA am-ET ar ar-AR as-IN az-AZ be-BY bg-BG bn-IN br-FR bs-BA ca-ES cb-IQ co-FR cs cs-CZ
	cx-PH cy-GB da-DK de de-DE el-GR en en-GB en-US eo-EO es es-ES et-EE eu-ES fa-IR ff-NG fi
	fi-FI fo-FO fr fr-CA fr-FR fy-NL ga-IE gl-ES gn-PY gu-IN ha-NG he-IL hi-IN hr-HR ht-HT hu-HU
	hy-AM id-ID ik-US is-IS it it-IT iu-CA ja ja-JP ja-KS jv-ID ka-GE kk-KZ km-KH kn-IN ko ko-KR
	ku-TR ky-KG lo-LA lt-LT lv-LV mg-MG mk-MK ml-IN mn-MN mr-IN ms-MY mt-MT my-MM nb-NO ne-NP nl
	nl-BE nl-NL nn-NO or-IN pa-IN pl-PL ps-AF pt pt-BR pt-PT ro-RO ru ru-RU rw-RW sc-IT si-LK
	sk-SK sl-SI sn-ZW sq-AL sr-RS sv sv-SE sw-KE sy-SY sz-PL ta-IN te-IN tg-TJ th th-TH tl-PH tr
	tr-TR tt-RU tz-MA uk-UA ur-PK uz-UZ vi-VN zh zh-CN zh-HK zh-MO zh-TW zz-TR`)

// isLanguageTag is language-kit's isLanguageTag: a known tag, ignoring case.
func isLanguageTag(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	for _, tag := range languageTags {
		if strings.EqualFold(tag, s) {
			return true
		}
	}
	return false
}
