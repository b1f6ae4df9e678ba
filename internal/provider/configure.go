package provider

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/faccc625/terraform-provider-logto/internal/framework/validators"
	"github.com/faccc625/terraform-provider-logto/internal/logging"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// SelfHostedResource is the Management API indicator of every self-hosted Logto.
const SelfHostedResource = "https://default.logto.app/api"

type providerModel struct {
	Endpoint       types.String         `tfsdk:"endpoint"`
	ClientID       types.String         `tfsdk:"client_id"`
	ClientSecret   types.String         `tfsdk:"client_secret"`
	Resource       types.String         `tfsdk:"resource"`
	RequestTimeout timetypes.GoDuration `tfsdk:"request_timeout"`
	MaxRetries     types.Int64          `tfsdk:"max_retries"`
	RateLimit      types.Float64        `tfsdk:"rate_limit"`
	BatchReads     types.Bool           `tfsdk:"batch_reads"`
}

func (p *logtoProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg := p.clientConfig(m, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.MaskLogStrings(ctx, cfg.ClientSecret)
	client, err := logto.New(cfg)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Configure the Logto Client", err.Error())
		return
	}
	// The server (NewServer) masks these in the log lines of every later RPC.
	if secrets := logging.FromContext(ctx); secrets != nil {
		secrets.Add(cfg.ClientSecret)
		client.OnToken(secrets.Add)
	}
	tflog.Debug(ctx, "Configured the Logto Management API client", map[string]any{
		"endpoint": cfg.Endpoint, "resource": cfg.Resource, "client_id": cfg.ClientID,
	})
	resp.ResourceData = client
	resp.DataSourceData = client
	resp.EphemeralResourceData = client
}

// clientConfig resolves the configuration with its environment fallbacks and
// reports what is missing or malformed against the attribute it belongs to.
func (p *logtoProvider) clientConfig(m providerModel, diags *diag.Diagnostics) logto.Config {
	str := func(v types.String, attr, env string, required bool) string {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(attr), "Unknown Logto Provider Setting",
				fmt.Sprintf("The provider's %s depends on a value that is only known after apply. "+
					"Set it to a known value or use the %s environment variable.", attr, env))
			return ""
		}
		s := v.ValueString()
		if s == "" {
			s = os.Getenv(env)
		}
		if s == "" && required {
			diags.AddAttributeError(path.Root(attr), "Missing Logto Provider Setting",
				fmt.Sprintf("The provider needs %s. Set it in the provider block or in the %s environment variable.", attr, env))
		}
		return s
	}
	cfg := logto.Config{
		Endpoint:     strings.TrimSuffix(str(m.Endpoint, "endpoint", "LOGTO_ENDPOINT", true), "/"),
		ClientID:     str(m.ClientID, "client_id", "LOGTO_CLIENT_ID", true),
		ClientSecret: str(m.ClientSecret, "client_secret", "LOGTO_CLIENT_SECRET", true),
		Resource:     str(m.Resource, "resource", "LOGTO_RESOURCE", false),
		UserAgent:    "terraform-provider-logto/" + p.version,
	}
	if cfg.Endpoint != "" {
		if err := validators.CheckHTTPURL(cfg.Endpoint); err != nil {
			diags.AddAttributeError(path.Root("endpoint"), "Invalid Logto Endpoint", err.Error())
		} else if strings.HasSuffix(cfg.Endpoint, "/api") {
			diags.AddAttributeError(path.Root("endpoint"), "Invalid Logto Endpoint",
				fmt.Sprintf("%q ends with /api: set the server's base URL (%s), the provider adds /api and /oidc itself.",
					cfg.Endpoint, strings.TrimSuffix(cfg.Endpoint, "/api")))
		}
	}
	if cfg.Resource == "" && cfg.Endpoint != "" {
		cfg.Resource = DeriveResource(cfg.Endpoint)
	}
	cfg.RequestTimeout = durationSetting(m.RequestTimeout, "request_timeout", "LOGTO_REQUEST_TIMEOUT", diags)
	if n, ok := intSetting(m.MaxRetries, "max_retries", "LOGTO_MAX_RETRIES", diags); ok {
		cfg.MaxRetries = int(n)
		if n == 0 {
			cfg.MaxRetries = -1 // the client reads 0 as "default"
		}
	}
	if !m.RateLimit.IsNull() && !m.RateLimit.IsUnknown() {
		cfg.RateLimit = m.RateLimit.ValueFloat64()
	} else if env := os.Getenv("LOGTO_RATE_LIMIT"); env != "" {
		f, err := strconv.ParseFloat(env, 64)
		if err != nil || f < 0 {
			diags.AddAttributeError(path.Root("rate_limit"), "Invalid LOGTO_RATE_LIMIT",
				fmt.Sprintf("LOGTO_RATE_LIMIT=%q is not a non-negative number of requests per second.", env))
		}
		cfg.RateLimit = f
	}
	if !m.BatchReads.IsNull() && !m.BatchReads.IsUnknown() {
		cfg.NoBatchReads = !m.BatchReads.ValueBool()
	} else if env := os.Getenv("LOGTO_BATCH_READS"); env != "" {
		on, err := strconv.ParseBool(env)
		if err != nil {
			diags.AddAttributeError(path.Root("batch_reads"), "Invalid LOGTO_BATCH_READS",
				fmt.Sprintf("LOGTO_BATCH_READS=%q is not true or false.", env))
		}
		cfg.NoBatchReads = !on && err == nil
	}
	return cfg
}

// DeriveResource returns the Management API indicator for an endpoint:
// https://<tenant>.logto.app/api for a Logto Cloud tenant's default domain,
// the self-hosted indicator otherwise.
func DeriveResource(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err == nil {
		host := u.Hostname()
		if tenant, ok := strings.CutSuffix(host, ".logto.app"); ok && tenant != "" && !strings.Contains(tenant, ".") {
			return "https://" + tenant + ".logto.app/api"
		}
	}
	return SelfHostedResource
}

func durationSetting(v timetypes.GoDuration, attr, env string, diags *diag.Diagnostics) time.Duration {
	if !v.IsNull() && !v.IsUnknown() {
		d, dd := v.ValueGoDuration()
		diags.Append(dd...)
		if d <= 0 && !dd.HasError() {
			diags.AddAttributeError(path.Root(attr), "Invalid Duration", attr+" must be positive.")
		}
		return d
	}
	if s := os.Getenv(env); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			diags.AddAttributeError(path.Root(attr), "Invalid "+env,
				fmt.Sprintf("%s=%q is not a positive Go duration such as 30s.", env, s))
		}
		return d
	}
	return 0
}

func intSetting(v types.Int64, attr, env string, diags *diag.Diagnostics) (int64, bool) {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueInt64(), true
	}
	if s := os.Getenv(env); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			diags.AddAttributeError(path.Root(attr), "Invalid "+env,
				fmt.Sprintf("%s=%q is not a non-negative whole number.", env, s))
			return 0, false
		}
		return n, true
	}
	return 0, false
}
