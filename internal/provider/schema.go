package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/faccc625/terraform-provider-logto/internal/framework/validators"
)

func (p *logtoProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Logto provider manages a Logto tenant (self-hosted or Logto Cloud) through " +
			"its Management API, authenticating as a machine-to-machine application that holds the " +
			"built-in *Logto Management API access* role.",
		Attributes: map[string]schema.Attribute{
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "Base URL of the Logto server, without `/api`: for example " +
					"`https://abc123.logto.app` on Logto Cloud or `http://localhost:3001` for a local " +
					"server (plain `http://` is allowed). Falls back to `LOGTO_ENDPOINT`.",
				Optional:   true,
				Validators: []validator.String{validators.HTTPURL()},
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "App ID of the machine-to-machine application the provider " +
					"authenticates as. Falls back to `LOGTO_CLIENT_ID`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "A secret of that application. Falls back to `LOGTO_CLIENT_SECRET`. " +
					"Prefer the environment variable so the secret stays out of configuration files.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"resource": schema.StringAttribute{
				MarkdownDescription: "Resource indicator of the Logto Management API, requested in " +
					"the access token. Falls back to `LOGTO_RESOURCE`; when neither is set it is derived " +
					"from `endpoint`: `https://<tenant-id>.logto.app/api` for a `<tenant-id>.logto.app` " +
					"endpoint, otherwise `https://default.logto.app/api` (self-hosted Logto). Set it " +
					"when a Logto Cloud tenant is reached through a custom domain.",
				Optional:   true,
				Validators: []validator.String{validators.HTTPURL()},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Timeout of one HTTP request attempt, as a Go duration " +
					"(`30s`, `2m`). Defaults to `30s`; falls back to `LOGTO_REQUEST_TIMEOUT`.",
				Optional:   true,
				CustomType: timetypes.GoDurationType{},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a request is retried after HTTP 429, 502, 503, " +
					"504 or a connection error, with exponential backoff and jitter (`Retry-After` is " +
					"honoured). Requests that may have changed something on the server are not " +
					"retried. Defaults to `4`; `0` disables retries; falls back to `LOGTO_MAX_RETRIES`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"rate_limit": schema.Float64Attribute{
				MarkdownDescription: "Maximum number of Management API requests per second made by " +
					"this provider instance. Unlimited when unset or `0`; falls back to `LOGTO_RATE_LIMIT`.",
				Optional:   true,
				Validators: []validator.Float64{float64validator.AtLeast(0)},
			},
			"batch_reads": schema.BoolAttribute{
				MarkdownDescription: "Whether a refresh of many objects of one type reads them by pages of " +
					"100 from Logto's list endpoint (once per provider run) instead of one `GET` per object: " +
					"applications, roles, API resources, organizations, organization roles and scopes, " +
					"users and SSO connectors, once more than 10 of a type are read. Objects missing from " +
					"the listing, and objects the provider wrote, are still read with their own `GET`, " +
					"so plans are the same either way. Defaults to `true`; falls back to `LOGTO_BATCH_READS`.",
				Optional: true,
			},
		},
	}
}
