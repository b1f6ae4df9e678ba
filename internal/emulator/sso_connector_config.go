package emulator

import (
	"net/http"
	"strings"
)

// Request guards of /api/sso-connectors and the provider configuration guards, after Logto's
// ssoConnectorCreateGuard / ssoConnectorPatchGuard (routes/sso-connector/type.ts) and the
// factories' configGuard (packages/core/src/sso/*).

// ssoConnectorInput is a validated create or patch body; nil means "not given".
type ssoConnectorInput struct {
	ProviderName       *string
	ConnectorName      *string
	Config             map[string]any
	Domains            []string // nil when not given
	Branding           *SSOBranding
	SyncProfile        *bool
	EnableTokenStorage *bool
}

// hasUpdates reports whether a PATCH body changes a column (Logto skips the UPDATE otherwise).
func (in *ssoConnectorInput) hasUpdates() bool {
	return in.Config != nil || in.Domains != nil || in.ConnectorName != nil || in.Branding != nil ||
		in.SyncProfile != nil || in.EnableTokenStorage != nil
}

// parseSSOConnectorCreate validates a POST body. Keys are checked in the guard's shape order:
// config, domains, branding, syncProfile, enableTokenStorage, providerName, connectorName.
func parseSSOConnectorCreate(body any) (*ssoConnectorInput, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &ssoConnectorInput{}
	z.ssoConnectorCommon(obj, in)
	in.EnableTokenStorage = z.boolean(fieldOf(obj, path{}, "enableTokenStorage"))
	in.ProviderName, _ = z.str(fieldOf(obj, path{}, "providerName"), true, false, 1, 128)
	in.ConnectorName, _ = z.str(fieldOf(obj, path{}, "connectorName"), true, false, 1, 128)
	return in, z
}

// parseSSOConnectorPatch validates a PATCH body: config, domains, branding, syncProfile,
// connectorName, enableTokenStorage, all optional. providerName is not part of the guard and is
// dropped like any unknown key.
func parseSSOConnectorPatch(body any) (*ssoConnectorInput, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &ssoConnectorInput{}
	z.ssoConnectorCommon(obj, in)
	if f := fieldOf(obj, path{}, "connectorName"); f.present {
		in.ConnectorName, _ = z.str(f, false, false, 1, 128)
	}
	in.EnableTokenStorage = z.boolean(fieldOf(obj, path{}, "enableTokenStorage"))
	return in, z
}

// ssoConnectorCommon validates config, domains, branding and syncProfile.
func (z *zodIssues) ssoConnectorCommon(obj map[string]any, in *ssoConnectorInput) {
	if f := fieldOf(obj, path{}, "config"); f.present {
		in.Config = z.object(f)
	}
	if f := fieldOf(obj, path{}, "domains"); f.present {
		before := len(z.issues)
		domains := z.stringArray(f, false, nil)
		if len(z.issues) == before {
			in.Domains = domains
		}
	}
	if f := fieldOf(obj, path{}, "branding"); f.present {
		if branding := z.object(f); branding != nil {
			out := &SSOBranding{}
			out.DisplayName, _ = z.str(fieldOf(branding, f.p, "displayName"), false, false, 0, 0)
			out.Logo, _ = z.str(fieldOf(branding, f.p, "logo"), false, false, 0, 0)
			out.DarkLogo, _ = z.str(fieldOf(branding, f.p, "darkLogo"), false, false, 0, 0)
			in.Branding = out
		}
	}
	in.SyncProfile = z.boolean(fieldOf(obj, path{}, "syncProfile"))
}

// ssoDomainBlockList is Logto's singleSignOnDomainBlackList: public email domains.
var ssoDomainBlockList = []string{
	"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "icloud.com", "aol.com",
	"yandex.com", "mail.com", "protonmail.com", "yanex.com", "gmx.com", "mail.ru", "zoho.com",
	"qq.com", "163.com", "126.com", "sina.com", "sohu.com",
}

// lowercaseDomains lowercases the domains like Logto does before validating and storing them.
// Logto checks nothing else: "not a domain" is stored as given.
func lowercaseDomains(domains []string) []string {
	if domains == nil {
		return nil
	}
	out := make([]string, len(domains))
	for i, d := range domains {
		out[i] = strings.ToLower(d)
	}
	return out
}

// validateSSODomains answers 422 for public email domains, then for duplicates; it returns nil
// when the list is acceptable. Logto passes {data: [domains]} as the error's data, so the
// answer's data is that object.
func validateSSODomains(domains []string) reply {
	var forbidden, duplicated []string
	seen := map[string]bool{}
	for _, d := range domains {
		if contains(ssoDomainBlockList, d) && !contains(forbidden, d) {
			forbidden = append(forbidden, d)
		}
		if seen[d] {
			if !contains(duplicated, d) {
				duplicated = append(duplicated, d)
			}
			continue
		}
		seen[d] = true
	}
	switch {
	case len(forbidden) > 0:
		return replyErrorData(http.StatusUnprocessableEntity, "single_sign_on.forbidden_domains", ordered{{"data", forbidden}})
	case len(duplicated) > 0:
		return replyErrorData(http.StatusUnprocessableEntity, "single_sign_on.duplicated_domains", ordered{{"data", duplicated}})
	}
	return nil
}

// isSAMLProvider reports whether a provider's connectors are configured with SAML.
func isSAMLProvider(providerName string) bool {
	return providerName == ssoProviderSAML || providerName == ssoProviderAzureAD
}

// parseSSOConfig validates a provider configuration with the factory's guard and returns it as
// Logto stores it; ok is false when the guard rejects it (Logto then answers 400
// connector.invalid_config without data).
func parseSSOConfig(providerName string, config map[string]any) (JSONObject, bool) {
	if isSAMLProvider(providerName) {
		return parseSAMLConfig(config)
	}
	parsed, ok := parseOIDCConfig(config, providerName == ssoProviderGoogleWorkspace)
	if !ok {
		return nil, false
	}
	out := JSONObject{}
	for _, pair := range parsed {
		out[pair.k] = pair.v
	}
	return out, true
}

// parseOIDCConfig applies basicOidcConnectorConfigGuard (clientId, clientSecret, issuer, scope?,
// trustUnverifiedEmail defaulting to false) or, for Google Workspace, the same guard without
// issuer and with offlineAccess?. The result keeps the guard's key order.
func parseOIDCConfig(config map[string]any, google bool) (ordered, bool) {
	var out ordered
	required := []string{"clientId", "clientSecret", "issuer"}
	if google {
		required = required[:2]
	}
	for _, key := range required {
		s, ok := config[key].(string)
		if !ok {
			return nil, false
		}
		out = append(out, kv{key, s})
	}
	if v, present := config["scope"]; present {
		s, ok := v.(string)
		if !ok {
			return nil, false
		}
		out = append(out, kv{"scope", s})
	}
	trust := false
	if v, present := config["trustUnverifiedEmail"]; present {
		b, ok := v.(bool)
		if !ok {
			return nil, false
		}
		trust = b
	}
	out = append(out, kv{"trustUnverifiedEmail", trust})
	if v, present := config["offlineAccess"]; google && present {
		b, ok := v.(bool)
		if !ok {
			return nil, false
		}
		out = append(out, kv{"offlineAccess", b})
	}
	return out, true
}

// samlConfigSources are the three shapes of samlConnectorConfigGuard, a union tried in order:
// metadata URL, metadata XML, or the IdP's details given by hand.
var samlConfigSources = [][]string{
	{"metadataUrl"},
	{"metadata"},
	{"entityId", "signInEndpoint", "x509Certificate"},
}

// samlSignatureAlgorithms are the values requestSignatureAlgorithm accepts.
var samlSignatureAlgorithms = []string{
	"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
	"http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
}

// parseSAMLConfig applies samlConnectorConfigGuard. The signed-AuthnRequest fields are
// validated and then dropped, as Logto does while that feature is behind its dev flag.
func parseSAMLConfig(config map[string]any) (JSONObject, bool) {
	if v, present := config["signAuthnRequest"]; present {
		if _, ok := v.(bool); !ok {
			return nil, false
		}
	}
	if v, present := config["requestSignatureAlgorithm"]; present {
		if s, ok := v.(string); !ok || !contains(samlSignatureAlgorithms, s) {
			return nil, false
		}
	}
	var mapping map[string]any
	if v, present := config["attributeMapping"]; present {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		mapping = map[string]any{}
		for _, key := range []string{"id", "email", "name"} {
			if value, present := obj[key]; present {
				s, ok := value.(string)
				if !ok {
					return nil, false
				}
				mapping[key] = s
			}
		}
	}
	for _, keys := range samlConfigSources {
		out := JSONObject{}
		for _, key := range keys {
			s, ok := config[key].(string)
			if !ok {
				out = nil
				break
			}
			out[key] = s
		}
		if out == nil {
			continue
		}
		if mapping != nil {
			out["attributeMapping"] = mapping
		}
		return out, true
	}
	return nil, false
}
