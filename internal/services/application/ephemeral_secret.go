package application

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/ephemeral/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var _ ephemeral.EphemeralResourceWithConfigure = (*secretEphemeralResource)(nil)

// secretEphemeralResource is the ephemeral logto_application_secret: it
// reads an existing secret's value without rotating it, and Terraform keeps
// the value out of the plan and the state.
type secretEphemeralResource struct {
	client *logto.Client
}

type secretEphemeralModel struct {
	ApplicationID types.String      `tfsdk:"application_id"`
	Name          types.String      `tfsdk:"name"`
	Value         types.String      `tfsdk:"value"`
	ExpiresAt     timetypes.RFC3339 `tfsdk:"expires_at"`
	Timeouts      timeouts.Value    `tfsdk:"timeouts"`
}

// NewSecretEphemeralResource returns the ephemeral logto_application_secret.
func NewSecretEphemeralResource() ephemeral.EphemeralResource { return &secretEphemeralResource{} }

func (r *secretEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application_secret"
}

func (r *secretEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *secretEphemeralResource) Schema(ctx context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the value of an existing secret of a `Traditional`, `MachineToMachine` or " +
			"`Protected` application — the `Default secret`, or a named one — so that it can be handed to " +
			"another provider, a provider block or a secret store. Ephemeral (Terraform 1.10 and later): the " +
			"value is read when Terraform needs it and is never written to the plan or the state. Reading " +
			"does not rotate or change the secret.",
		Attributes: map[string]schema.Attribute{
			"application_id": schema.StringAttribute{
				MarkdownDescription: "ID of the application (its `client_id`).",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Name of the secret. Defaults to `%s`, the secret Logto creates "+
					"with the application.", logto.DefaultSecretName),
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"value": schema.StringAttribute{
				MarkdownDescription: "The secret, for use as the application's OAuth 2.0 `client_secret`.",
				Computed:            true,
				Sensitive:           true,
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the secret stops working (RFC 3339); null when it never expires.",
				CustomType:          timetypes.RFC3339Type{},
				Computed:            true,
			},
			"timeouts": timeouts.Attributes(ctx),
		},
	}
}

// Open lists the application's secrets (one request) and returns the one
// named.
func (r *secretEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m secretEphemeralModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Open, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	appID := m.ApplicationID.ValueString()
	name := logto.DefaultSecretName
	if !m.Name.IsNull() && !m.Name.IsUnknown() {
		name = m.Name.ValueString()
	}
	secrets, err := r.client.ListApplicationSecrets(ctx, appID)
	if logto.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("application_id"), "Logto Application Not Found",
			fmt.Sprintf("No application has the ID %q.", appID))
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+whatSecret, err)
		return
	}
	names := make([]string, 0, len(secrets))
	for i := range secrets {
		s := &secrets[i]
		if s.Name != name {
			names = append(names, fmt.Sprintf("%q", s.Name))
			continue
		}
		m.Name = types.StringValue(s.Name)
		m.Value = types.StringValue(s.Value)
		m.ExpiresAt = timetypes.NewRFC3339Null()
		if s.ExpiresAt != nil {
			m.ExpiresAt = framework.TimeFromMillis(*s.ExpiresAt)
		}
		resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
		return
	}
	sort.Strings(names)
	detail := fmt.Sprintf("Application %s has no secret named %q.", appID, name)
	switch {
	case len(names) > 0:
		detail += " Its secrets are: " + strings.Join(names, ", ") + "."
	default:
		detail += " It has no secrets: only Traditional, MachineToMachine and Protected applications have them."
	}
	resp.Diagnostics.AddAttributeError(path.Root("name"), whatSecret+" Not Found", detail)
}
