package ssoconnector

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// resourceModel is the state of logto_sso_connector.
type resourceModel struct {
	ID                 types.String      `tfsdk:"id"`
	ProviderName       types.String      `tfsdk:"provider_name"`
	ConnectorName      types.String      `tfsdk:"connector_name"`
	Domains            types.Set         `tfsdk:"domains"`
	Branding           types.Object      `tfsdk:"branding"`
	SyncProfile        types.Bool        `tfsdk:"sync_profile"`
	EnableTokenStorage types.Bool        `tfsdk:"enable_token_storage"`
	OIDC               types.Object      `tfsdk:"oidc"`
	SAML               types.Object      `tfsdk:"saml"`
	RedirectURI        types.String      `tfsdk:"redirect_uri"`
	SAMLACSURL         types.String      `tfsdk:"saml_acs_url"`
	SAMLSPEntityID     types.String      `tfsdk:"saml_sp_entity_id"`
	CreatedAt          timetypes.RFC3339 `tfsdk:"created_at"`
	Timeouts           timeouts.Value    `tfsdk:"timeouts"`
}

// brandingModel is the branding object.
type brandingModel struct {
	DisplayName types.String `tfsdk:"display_name"`
	Logo        types.String `tfsdk:"logo"`
	DarkLogo    types.String `tfsdk:"dark_logo"`
}

// oidcModel is the resource's oidc object.
type oidcModel struct {
	ClientID              types.String `tfsdk:"client_id"`
	ClientSecret          types.String `tfsdk:"client_secret"`
	ClientSecretWO        types.String `tfsdk:"client_secret_wo"`
	ClientSecretWOVersion types.Int64  `tfsdk:"client_secret_wo_version"`
	Issuer                types.String `tfsdk:"issuer"`
	Scope                 types.String `tfsdk:"scope"`
	TrustUnverifiedEmail  types.Bool   `tfsdk:"trust_unverified_email"`
}

// samlModel is the saml object.
type samlModel struct {
	MetadataURL      types.String `tfsdk:"metadata_url"`
	Metadata         types.String `tfsdk:"metadata"`
	EntityID         types.String `tfsdk:"entity_id"`
	SignInEndpoint   types.String `tfsdk:"sign_in_endpoint"`
	X509Certificate  types.String `tfsdk:"x509_certificate"`
	AttributeMapping types.Object `tfsdk:"attribute_mapping"`
}

// attributeMappingModel is saml.attribute_mapping.
type attributeMappingModel struct {
	ID    types.String `tfsdk:"id"`
	Email types.String `tfsdk:"email"`
	Name  types.String `tfsdk:"name"`
}

var (
	brandingAttrTypes = map[string]attr.Type{
		"display_name": types.StringType, "logo": types.StringType, "dark_logo": types.StringType,
	}
	oidcAttrTypes = map[string]attr.Type{
		"client_id": types.StringType, "client_secret": types.StringType, "client_secret_wo": types.StringType,
		"client_secret_wo_version": types.Int64Type, "issuer": types.StringType, "scope": types.StringType,
		"trust_unverified_email": types.BoolType,
	}
	attributeMappingAttrTypes = map[string]attr.Type{
		"id": types.StringType, "email": types.StringType, "name": types.StringType,
	}
	samlAttrTypes = map[string]attr.Type{
		"metadata_url": types.StringType, "metadata": types.StringType, "entity_id": types.StringType,
		"sign_in_endpoint": types.StringType, "x509_certificate": types.StringType,
		"attribute_mapping": types.ObjectType{AttrTypes: attributeMappingAttrTypes},
	}
)

var objectAsOptions = basetypes.ObjectAsOptions{}

// objectAs decodes a known, non-null object into target and reports whether
// it did.
func objectAs(ctx context.Context, obj types.Object, target any, diags *diag.Diagnostics) bool {
	if obj.IsNull() || obj.IsUnknown() {
		return false
	}
	diags.Append(obj.As(ctx, target, objectAsOptions)...)
	return !diags.HasError()
}

// fromAPI sets every attribute from Logto's answer. prior is the state or
// plan the answer refreshes: its oidc and saml blocks say whether the
// configuration is managed, and prior.oidc says whether the client secret is
// kept in the state (client_secret set) or write-only (client_secret null).
// A prior without provider_name is an import: the configuration Logto holds is
// read into the block of the provider's family, client secret included.
// endpoint is the provider's Logto endpoint, for redirect_uri.
func (m *resourceModel) fromAPI(ctx context.Context, c *logto.SSOConnector, prior *resourceModel, endpoint string, diags *diag.Diagnostics) {
	imported := prior.ProviderName.IsNull()
	m.ID = types.StringValue(c.ID)
	m.ProviderName = types.StringValue(c.ProviderName)
	m.ConnectorName = types.StringValue(c.ConnectorName)
	m.CreatedAt = framework.TimeFromMillis(c.CreatedAt)
	m.SyncProfile = types.BoolValue(c.SyncProfile)
	m.EnableTokenStorage = types.BoolValue(c.EnableTokenStorage)
	m.Domains = stringSet(ctx, c.Domains, diags)
	m.Branding = brandingObject(ctx, c.Branding, diags)

	saml := logto.IsSAMLProvider(c.ProviderName)
	m.OIDC = types.ObjectNull(oidcAttrTypes)
	m.SAML = types.ObjectNull(samlAttrTypes)
	m.RedirectURI, m.SAMLACSURL, m.SAMLSPEntityID = types.StringNull(), types.StringNull(), types.StringNull()
	if saml {
		// Logto builds the service provider's URLs from its own endpoint; the
		// create answer lacks providerConfig, so keep what is known then.
		m.SAMLACSURL, m.SAMLSPEntityID = nullIfUnknown(prior.SAMLACSURL), nullIfUnknown(prior.SAMLSPEntityID)
		if sp := c.SAMLServiceProvider(); sp != nil {
			m.SAMLACSURL = types.StringValue(sp.AssertionConsumerServiceURL)
			m.SAMLSPEntityID = types.StringValue(sp.EntityID)
		}
	} else {
		m.RedirectURI = types.StringValue(RedirectURI(endpoint, c.ID))
	}

	manage := func(block types.Object) bool { return !block.IsNull() || imported && c.HasConfig() }
	switch {
	case saml && manage(prior.SAML):
		m.SAML = samlFromAPI(ctx, c, diags)
	case !saml && manage(prior.OIDC):
		var was oidcModel
		if !objectAs(ctx, prior.OIDC, &was, diags) {
			was = oidcModel{ClientSecret: types.StringUnknown(), ClientSecretWOVersion: types.Int64Null()}
		}
		m.OIDC = oidcFromAPI(ctx, c, &was, diags)
	}
}

// RedirectURI is the OIDC redirect URI Logto's Console shows for a connector:
// /callback/<id> on the origin of the Logto endpoint.
func RedirectURI(endpoint, id string) string {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return endpoint + "/callback/" + id
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/callback/" + id}).String()
}

// oidcFromAPI builds the oidc object from Logto's config. was is the prior
// block: the client secret is read from Logto only where it is kept in the
// state (was.ClientSecret not null; unknown on import), and the write-only
// version is Terraform's own.
func oidcFromAPI(ctx context.Context, c *logto.SSOConnector, was *oidcModel, diags *diag.Diagnostics) types.Object {
	cfg, err := c.OIDCConfig()
	if err != nil {
		diags.AddError("Unexpected Logto Answer", err.Error())
		return types.ObjectNull(oidcAttrTypes)
	}
	out := oidcModel{
		ClientID:              types.StringPointerValue(cfg.ClientID),
		ClientSecret:          types.StringNull(),
		ClientSecretWO:        types.StringNull(), // write-only: never in the state
		ClientSecretWOVersion: was.ClientSecretWOVersion,
		Issuer:                types.StringPointerValue(cfg.Issuer),
		Scope:                 types.StringPointerValue(cfg.Scope),
		TrustUnverifiedEmail:  types.BoolValue(cfg.TrustUnverifiedEmail != nil && *cfg.TrustUnverifiedEmail),
	}
	if !was.ClientSecret.IsNull() {
		out.ClientSecret = types.StringPointerValue(cfg.ClientSecret)
	}
	obj, d := types.ObjectValueFrom(ctx, oidcAttrTypes, out)
	diags.Append(d...)
	return obj
}

// samlFromAPI builds the saml object from Logto's config.
func samlFromAPI(ctx context.Context, c *logto.SSOConnector, diags *diag.Diagnostics) types.Object {
	cfg, err := c.SAMLConfig()
	if err != nil {
		diags.AddError("Unexpected Logto Answer", err.Error())
		return types.ObjectNull(samlAttrTypes)
	}
	out := samlModel{
		MetadataURL:      types.StringPointerValue(cfg.MetadataURL),
		Metadata:         types.StringPointerValue(cfg.Metadata),
		EntityID:         types.StringPointerValue(cfg.EntityID),
		SignInEndpoint:   types.StringPointerValue(cfg.SignInEndpoint),
		X509Certificate:  types.StringPointerValue(cfg.X509Certificate),
		AttributeMapping: types.ObjectNull(attributeMappingAttrTypes),
	}
	if am := cfg.AttributeMapping; am != nil {
		var d diag.Diagnostics
		out.AttributeMapping, d = types.ObjectValueFrom(ctx, attributeMappingAttrTypes, attributeMappingModel{
			ID: types.StringPointerValue(am.ID), Email: types.StringPointerValue(am.Email), Name: types.StringPointerValue(am.Name),
		})
		diags.Append(d...)
	}
	obj, d := types.ObjectValueFrom(ctx, samlAttrTypes, out)
	diags.Append(d...)
	return obj
}

func brandingObject(ctx context.Context, b logto.SSOBranding, diags *diag.Diagnostics) types.Object {
	obj, d := types.ObjectValueFrom(ctx, brandingAttrTypes, brandingModel{
		DisplayName: types.StringPointerValue(b.DisplayName),
		Logo:        types.StringPointerValue(b.Logo),
		DarkLogo:    types.StringPointerValue(b.DarkLogo),
	})
	diags.Append(d...)
	return obj
}

func stringSet(ctx context.Context, values []string, diags *diag.Diagnostics) types.Set {
	if values == nil {
		values = []string{}
	}
	set, d := types.SetValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return set
}

func nullIfUnknown(v types.String) types.String {
	if v.IsUnknown() {
		return types.StringNull()
	}
	return v
}

// toCreate builds the POST body from the plan; secretWO is the write-only
// client secret from the configuration (null when not given).
func (m *resourceModel) toCreate(ctx context.Context, secretWO types.String, diags *diag.Diagnostics) logto.SSOConnectorCreate {
	in := logto.SSOConnectorCreate{
		ProviderName:       m.ProviderName.ValueString(),
		ConnectorName:      m.ConnectorName.ValueString(),
		SyncProfile:        knownBool(m.SyncProfile),
		EnableTokenStorage: knownBool(m.EnableTokenStorage),
	}
	if known(m.Domains) {
		var domains []string
		diags.Append(m.Domains.ElementsAs(ctx, &domains, false)...)
		in.Domains = domains
	}
	if b, ok := m.branding(ctx, diags); ok {
		in.Branding = b
	}
	var config any
	var oidc oidcModel
	var saml samlModel
	switch {
	case objectAs(ctx, m.OIDC, &oidc, diags):
		cfg := &logto.SSOOIDCConfig{}
		oidc.apply(cfg, secretWO)
		config = cfg
	case objectAs(ctx, m.SAML, &saml, diags):
		cfg := &logto.SSOSAMLConfig{}
		saml.apply(ctx, cfg, diags)
		config = cfg
	}
	if config != nil {
		in.Config = marshalConfig(config, diags)
	}
	return in
}

// branding returns the planned branding, when it is known.
func (m *resourceModel) branding(ctx context.Context, diags *diag.Diagnostics) (*logto.SSOBranding, bool) {
	var b brandingModel
	if !objectAs(ctx, m.Branding, &b, diags) {
		return nil, false
	}
	return &logto.SSOBranding{
		DisplayName: b.DisplayName.ValueStringPointer(),
		Logo:        b.Logo.ValueStringPointer(),
		DarkLogo:    b.DarkLogo.ValueStringPointer(),
	}, true
}

// apply sets the managed keys of an OIDC config from the block, over what cfg
// holds. The secret is client_secret when set, else secretWO when it is
// given (not null); otherwise cfg keeps the secret it has.
func (o *oidcModel) apply(cfg *logto.SSOOIDCConfig, secretWO types.String) {
	cfg.ClientID = o.ClientID.ValueStringPointer()
	cfg.Issuer = o.Issuer.ValueStringPointer()
	cfg.Scope = o.Scope.ValueStringPointer()
	trust := o.TrustUnverifiedEmail.ValueBool()
	cfg.TrustUnverifiedEmail = &trust
	switch {
	case !o.ClientSecret.IsNull():
		cfg.ClientSecret = o.ClientSecret.ValueStringPointer()
	case !secretWO.IsNull() && !secretWO.IsUnknown():
		cfg.ClientSecret = secretWO.ValueStringPointer()
	}
}

// apply sets the managed keys of a SAML config from the block, over what cfg
// holds: the metadata source is replaced as a whole (a source the block does
// not name is removed), mappings of fields the block does not model are kept.
func (s *samlModel) apply(ctx context.Context, cfg *logto.SSOSAMLConfig, diags *diag.Diagnostics) {
	cfg.MetadataURL = s.MetadataURL.ValueStringPointer()
	cfg.Metadata = s.Metadata.ValueStringPointer()
	cfg.EntityID = s.EntityID.ValueStringPointer()
	cfg.SignInEndpoint = s.SignInEndpoint.ValueStringPointer()
	cfg.X509Certificate = s.X509Certificate.ValueStringPointer()
	var am attributeMappingModel
	if !objectAs(ctx, s.AttributeMapping, &am, diags) {
		cfg.AttributeMapping = nil
		return
	}
	mapping := cfg.AttributeMapping
	if mapping == nil {
		mapping = &logto.SSOAttributeMapping{}
	}
	mapping.ID, mapping.Email, mapping.Name = am.ID.ValueStringPointer(), am.Email.ValueStringPointer(), am.Name.ValueStringPointer()
	cfg.AttributeMapping = mapping
}

func marshalConfig(cfg any, diags *diag.Diagnostics) json.RawMessage {
	raw, err := json.Marshal(cfg)
	if err != nil {
		diags.AddError("Unable to Encode the Connector Configuration", err.Error())
		return nil
	}
	return raw
}

func knownBool(v types.Bool) *bool {
	if !known(v) {
		return nil
	}
	return v.ValueBoolPointer()
}

func known(v interface {
	IsUnknown() bool
	IsNull() bool
}) bool {
	return !v.IsUnknown() && !v.IsNull()
}

// configChanged reports whether the planned oidc or saml block differs from
// the state's (a bumped client_secret_wo_version included).
func (m *resourceModel) configChanged(state *resourceModel) bool {
	return known(m.OIDC) && !m.OIDC.Equal(state.OIDC) || known(m.SAML) && !m.SAML.Equal(state.SAML)
}

// toPatch returns the PATCH body that takes the connector from state to plan.
// current is a fresh read of the connector, needed when the configuration
// changes (see configChanged): Logto replaces the config whole and checks it
// again, so the body's config is current's with the planned keys set over it
// (keys this resource does not model survive). secretWO is the write-only
// client secret from the configuration; it is sent only when
// client_secret_wo_version changed, otherwise the secret current holds is
// sent back.
func (m *resourceModel) toPatch(ctx context.Context, state *resourceModel, current *logto.SSOConnector, secretWO types.String, diags *diag.Diagnostics) logto.SSOConnectorPatch {
	var p logto.SSOConnectorPatch
	if !m.ConnectorName.Equal(state.ConnectorName) {
		p.ConnectorName = m.ConnectorName.ValueStringPointer()
	}
	if known(m.Domains) && !m.Domains.Equal(state.Domains) {
		domains := []string{}
		diags.Append(m.Domains.ElementsAs(ctx, &domains, false)...)
		p.Domains = &domains
	}
	if !m.Branding.Equal(state.Branding) {
		if b, ok := m.branding(ctx, diags); ok {
			p.Branding = b
		}
	}
	if known(m.SyncProfile) && !m.SyncProfile.Equal(state.SyncProfile) {
		p.SyncProfile = m.SyncProfile.ValueBoolPointer()
	}
	if known(m.EnableTokenStorage) && !m.EnableTokenStorage.Equal(state.EnableTokenStorage) {
		p.EnableTokenStorage = m.EnableTokenStorage.ValueBoolPointer()
	}
	if current == nil || !m.configChanged(state) {
		return p
	}
	var oidc, was oidcModel
	var saml samlModel
	switch {
	case objectAs(ctx, m.OIDC, &oidc, diags):
		cfg, err := current.OIDCConfig()
		if err != nil {
			diags.AddError("Unexpected Logto Answer", err.Error())
			return p
		}
		if objectAs(ctx, state.OIDC, &was, diags) && oidc.ClientSecretWOVersion.Equal(was.ClientSecretWOVersion) {
			secretWO = types.StringNull() // not bumped: Logto's secret is sent back
		}
		oidc.apply(cfg, secretWO)
		p.Config = marshalConfig(cfg, diags)
	case objectAs(ctx, m.SAML, &saml, diags):
		cfg, err := current.SAMLConfig()
		if err != nil {
			diags.AddError("Unexpected Logto Answer", err.Error())
			return p
		}
		saml.apply(ctx, cfg, diags)
		p.Config = marshalConfig(cfg, diags)
	}
	return p
}
