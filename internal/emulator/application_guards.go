package emulator

// Request guards of /api/applications, after Logto's applicationCreateGuard and
// applicationPatchGuard (packages/schemas/src/types/application.ts and
// packages/core/src/routes/applications/types.ts). Keys are checked in the guards' shape order,
// which is the order of the issues in a 400 answer; unknown keys are dropped.

// protectedAppAdditionalScopes are the scopes a Protected app may request in addition.
var protectedAppAdditionalScopes = []string{
	"custom_data", "identities", "roles", "urn:logto:scope:organizations", "urn:logto:scope:organization_roles",
}

// applicationInput is a validated create or patch body; nil means "not given".
type applicationInput struct {
	Name                         *string
	Description                  *string
	DescriptionSet               bool // description given, possibly null
	Type                         *string
	OIDCClientMetadata           *OIDCClientMetadata
	CustomClientMetadata         *CustomClientMetadata
	CustomData                   JSONObject
	IsThirdParty                 *bool
	AppLevelAccessControlEnabled *bool
	IsAdmin                      *bool
	CreateProtected              *protectedCreateInput
	PatchProtected               map[string]any // keys given in protectedAppMetadata (PATCH)
	PatchProtectedSet            bool
}

// protectedCreateInput is the protectedAppMetadata of a create body.
type protectedCreateInput struct {
	SubDomain, Origin string
}

// hasUpdates reports whether a PATCH body changes a column (Logto skips the UPDATE otherwise).
func (in *applicationInput) hasUpdates() bool {
	return in.Name != nil || in.DescriptionSet || in.OIDCClientMetadata != nil ||
		in.CustomClientMetadata != nil || in.CustomData != nil || in.AppLevelAccessControlEnabled != nil
}

// parseApplicationCreate validates a POST /api/applications body.
func parseApplicationCreate(body any) (*applicationInput, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &applicationInput{}
	in.Name, _ = z.str(fieldOf(obj, path{}, "name"), true, false, 1, 256)
	z.description(obj, in)
	in.Type = z.applicationType(fieldOf(obj, path{}, "type"))
	z.applicationCommon(obj, in)
	in.IsThirdParty = z.boolean(fieldOf(obj, path{}, "isThirdParty"))
	if f := fieldOf(obj, path{}, "protectedAppMetadata"); f.present {
		if meta := z.object(f); meta != nil {
			subDomain, _ := z.str(fieldOf(meta, f.p, "subDomain"), true, false, 0, 0)
			origin, _ := z.str(fieldOf(meta, f.p, "origin"), true, false, 0, 0)
			if subDomain != nil && origin != nil {
				in.CreateProtected = &protectedCreateInput{SubDomain: *subDomain, Origin: *origin}
			}
		}
	}
	return in, z
}

// parseApplicationPatch validates a PATCH /api/applications/{id} body. type and isThirdParty
// are not part of the guard and are dropped like any unknown key.
func parseApplicationPatch(body any) (*applicationInput, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &applicationInput{}
	in.Name, _ = z.str(fieldOf(obj, path{}, "name"), false, false, 1, 256)
	z.description(obj, in)
	z.applicationCommon(obj, in)
	in.AppLevelAccessControlEnabled = z.boolean(fieldOf(obj, path{}, "appLevelAccessControlEnabled"))
	if f := fieldOf(obj, path{}, "protectedAppMetadata"); f.present && f.value != nil {
		if meta := z.object(f); meta != nil {
			in.PatchProtected, in.PatchProtectedSet = z.protectedPatch(f.p, meta), true
		}
	}
	in.IsAdmin = z.boolean(fieldOf(obj, path{}, "isAdmin"))
	return in, z
}

func (z *zodIssues) description(obj map[string]any, in *applicationInput) {
	f := fieldOf(obj, path{}, "description")
	value, ok := z.str(f, false, true, 0, 0)
	if f.present && ok {
		in.Description, in.DescriptionSet = value, true
	}
}

// applicationCommon validates the keys shared by both guards, in shape order:
// oidcClientMetadata, customClientMetadata, customData.
func (z *zodIssues) applicationCommon(obj map[string]any, in *applicationInput) {
	if f := fieldOf(obj, path{}, "oidcClientMetadata"); f.present {
		in.OIDCClientMetadata = z.oidcClientMetadata(f)
	}
	if f := fieldOf(obj, path{}, "customClientMetadata"); f.present {
		in.CustomClientMetadata = z.customClientMetadata(f)
	}
	if f := fieldOf(obj, path{}, "customData"); f.present {
		if data := z.object(f); data != nil {
			in.CustomData = JSONObject(data)
		}
	}
}

func (z *zodIssues) applicationType(f field) *string {
	if !f.present {
		z.invalidTypeEnum(f.p, applicationTypes, "undefined")
		return nil
	}
	s, isString := f.value.(string)
	_, isNumber := f.value.(float64)
	if !isString && !isNumber {
		z.invalidTypeEnum(f.p, applicationTypes, zodType(f.value, true))
		return nil
	}
	for _, t := range applicationTypes {
		if isString && s == t {
			return &s
		}
	}
	z.invalidEnumValue(f.p, f.value, applicationTypes)
	return nil
}

func (z *zodIssues) oidcClientMetadata(f field) *OIDCClientMetadata {
	obj := z.object(f)
	if obj == nil {
		return nil
	}
	before := len(z.issues)
	checkURI := func(p path, s string) {
		if !validRedirectURI(s) {
			z.custom(p)
		}
	}
	out := &OIDCClientMetadata{}
	out.RedirectURIs = z.stringArray(fieldOf(obj, f.p, "redirectUris"), true, checkURI)
	out.PostLogoutRedirectURIs = z.stringArray(fieldOf(obj, f.p, "postLogoutRedirectUris"), true, checkURI)
	if b := fieldOf(obj, f.p, "backchannelLogoutUri"); b.present {
		if s, ok := z.str(b, false, false, 0, 0); ok {
			if _, valid := parseURLScheme(*s); !valid {
				z.invalidURL(b.p)
			}
			out.BackchannelLogoutURI = s
		}
	}
	out.BackchannelLogoutSessionRequired = z.boolean(fieldOf(obj, f.p, "backchannelLogoutSessionRequired"))
	if l := fieldOf(obj, f.p, "logoUri"); l.present {
		out.LogoURI, _ = z.str(l, false, false, 0, 0)
	}
	if len(z.issues) > before {
		return nil
	}
	return out
}

func (z *zodIssues) customClientMetadata(f field) *CustomClientMetadata {
	obj := z.object(f)
	if obj == nil {
		return nil
	}
	before := len(z.issues)
	out := &CustomClientMetadata{}
	if c := fieldOf(obj, f.p, "corsAllowedOrigins"); c.present {
		list := z.stringArray(c, false, func(p path, s string) {
			if s == "" {
				z.tooSmallString(p, 1)
			}
		})
		out.CorsAllowedOrigins = &list
	}
	out.IDTokenTTL = z.number(fieldOf(obj, f.p, "idTokenTtl"), numberRule{})
	out.RefreshTokenTTL = z.number(fieldOf(obj, f.p, "refreshTokenTtl"), numberRule{})
	out.RefreshTokenTTLInDays = z.number(fieldOf(obj, f.p, "refreshTokenTtlInDays"),
		numberRule{integer: true, minimum: ptr(1.0), maximum: ptr(180.0)})
	if t := fieldOf(obj, f.p, "tenantId"); t.present {
		out.TenantID, _ = z.str(t, false, false, 0, 0)
	}
	out.AlwaysIssueRefreshToken = z.boolean(fieldOf(obj, f.p, "alwaysIssueRefreshToken"))
	out.RotateRefreshToken = z.boolean(fieldOf(obj, f.p, "rotateRefreshToken"))
	out.AllowTokenExchange = z.boolean(fieldOf(obj, f.p, "allowTokenExchange"))
	out.IsDeviceFlow = z.boolean(fieldOf(obj, f.p, "isDeviceFlow"))
	out.MaxAllowedGrants = z.number(fieldOf(obj, f.p, "maxAllowedGrants"),
		numberRule{integer: true, minimum: ptr(0.0), exclusiveMinimum: true})
	if len(z.issues) > before {
		return nil
	}
	return out
}

// protectedPatch validates PATCH's protectedAppMetadata and returns the keys given.
func (z *zodIssues) protectedPatch(p path, meta map[string]any) map[string]any {
	out := map[string]any{}
	if f := fieldOf(meta, p, "origin"); f.present {
		if s, ok := z.str(f, false, false, 0, 0); ok {
			out["origin"] = *s
		}
	}
	if n := z.number(fieldOf(meta, p, "sessionDuration"), numberRule{}); n != nil {
		out["sessionDuration"] = *n
	}
	if f := fieldOf(meta, p, "pageRules"); f.present {
		if list, ok := f.value.([]any); ok {
			rules := make([]PageRule, 0, len(list))
			for i, item := range list {
				rule := z.object(field{p: f.p.with(i), value: item, present: true})
				if rule == nil {
					continue
				}
				if s, ok := z.str(fieldOf(rule, f.p.with(i), "path"), true, false, 0, 0); ok && s != nil {
					rules = append(rules, PageRule{Path: *s})
				}
			}
			out["pageRules"] = rules
		} else {
			z.invalidType(f.p, "array", zodType(f.value, true))
		}
	}
	if f := fieldOf(meta, p, "additionalScopes"); f.present {
		if list, ok := f.value.([]any); ok {
			scopes := []string{}
			for i, item := range list {
				s, isString := item.(string)
				if !isString {
					z.invalidTypeEnum(f.p.with(i), protectedAppAdditionalScopes, zodType(item, true))
					continue
				}
				if !contains(protectedAppAdditionalScopes, s) {
					z.invalidEnumValue(f.p.with(i), s, protectedAppAdditionalScopes)
					continue
				}
				scopes = append(scopes, s)
			}
			out["additionalScopes"] = scopes
		} else {
			z.invalidType(f.p, "array", zodType(f.value, true))
		}
	}
	return out
}

func contains(list []string, value string) bool {
	for _, item := range list {
		if item == value {
			return true
		}
	}
	return false
}
