package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/faccc625/terraform-provider-logto/internal/logging"
)

// LogName is the provider's logger name, the type part of Address: its level
// variable is TF_LOG_PROVIDER_LOGTO.
const LogName = "logto"

// ServerOptions configure the protocol server that NewServer returns.
type ServerOptions struct {
	// Secrets collects the values masked in log lines: the client secret
	// (added by Configure) and each access token the client obtains. Nil
	// means a new set for each server.
	Secrets *logging.Secrets
	// LogsDiscarded says that nobody will read the log lines (see
	// logging.Wanted): the per-RPC masking work is then skipped too.
	LogsDiscarded bool
}

// NewServer returns a constructor of the provider's protocol 6 server: the
// framework's server for provider.New(version), wrapped so that every RPC
// runs with the secrets masked in its log lines (see logging.Secrets.Mask)
// and carries the set to Configure (logging.FromContext). main serves it,
// and the acceptance tests use it, so that they exercise the masking too.
func NewServer(version string, opts ServerOptions) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return newMaskingServer(frameworkServer(version), opts)
	}
}

// frameworkServer returns the framework's protocol 6 server for the provider.
func frameworkServer(version string) downstream {
	srv := providerserver.NewProtocol6(New(version)())()
	next, ok := srv.(downstream)
	if !ok {
		// The framework's server implements every RPC; a build that breaks
		// this must fail loudly rather than lose RPCs.
		panic(fmt.Sprintf("terraform-plugin-framework's protocol 6 server (%T) does not implement every RPC", srv))
	}
	return next
}

func newMaskingServer(next downstream, opts ServerOptions) *maskingServer {
	secrets := opts.Secrets
	if secrets == nil {
		secrets = &logging.Secrets{}
	}
	return &maskingServer{next: next, secrets: secrets, discarded: opts.LogsDiscarded}
}

// downstream is the framework's protocol 6 server: every RPC, including those
// that terraform-plugin-go still declares in separate interfaces.
type downstream interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// maskingServer passes each RPC to next with a context that masks the
// current secrets in log lines. It declares every method itself (no
// embedding), so that an RPC added to terraform-plugin-go fails the build
// here instead of slipping past the masking.
type maskingServer struct {
	next      downstream
	secrets   *logging.Secrets
	discarded bool
	// configuring lets a ConfigureProvider run alone: every other unary RPC
	// holds it for reading. The framework's server writes its configured
	// client into fields that every resource RPC reads, without a lock.
	// Terraform never overlaps them within one plugin process (each provider
	// configuration, alias included, gets its own process), but in-process
	// tests serve every alias from one server, and configuring an alias then
	// raced with the default provider's plan (seen by the race detector).
	configuring sync.RWMutex
}

var _ downstream = (*maskingServer)(nil)

func (s *maskingServer) context(ctx context.Context) context.Context {
	ctx = logging.NewContext(ctx, s.secrets)
	if s.discarded {
		return ctx
	}
	return s.secrets.Mask(ctx)
}

func (s *maskingServer) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return unary(s, ctx, req, s.next.GetMetadata)
}

func (s *maskingServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return unary(s, ctx, req, s.next.GetProviderSchema)
}

func (s *maskingServer) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return unary(s, ctx, req, s.next.GetResourceIdentitySchemas)
}

func (s *maskingServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return unary(s, ctx, req, s.next.ValidateProviderConfig)
}

func (s *maskingServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	s.configuring.Lock()
	defer s.configuring.Unlock()
	return call(s, ctx, req, s.next.ConfigureProvider)
}

// StopProvider is not held back by the RPCs in flight: it cancels them.
func (s *maskingServer) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return call(s, ctx, req, s.next.StopProvider)
}

func (s *maskingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return unary(s, ctx, req, s.next.ValidateResourceConfig)
}

func (s *maskingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return unary(s, ctx, req, s.next.UpgradeResourceState)
}

func (s *maskingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return unary(s, ctx, req, s.next.ReadResource)
}

func (s *maskingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return unary(s, ctx, req, s.next.PlanResourceChange)
}

func (s *maskingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return unary(s, ctx, req, s.next.ApplyResourceChange)
}

func (s *maskingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return unary(s, ctx, req, s.next.ImportResourceState)
}

func (s *maskingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return unary(s, ctx, req, s.next.MoveResourceState)
}

func (s *maskingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return unary(s, ctx, req, s.next.UpgradeResourceIdentity)
}

func (s *maskingServer) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return unary(s, ctx, req, s.next.GenerateResourceConfig)
}

func (s *maskingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return unary(s, ctx, req, s.next.ValidateDataResourceConfig)
}

func (s *maskingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return unary(s, ctx, req, s.next.ReadDataSource)
}

func (s *maskingServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return unary(s, ctx, req, s.next.CallFunction)
}

func (s *maskingServer) GetFunctions(ctx context.Context, req *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return unary(s, ctx, req, s.next.GetFunctions)
}

func (s *maskingServer) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return unary(s, ctx, req, s.next.ValidateEphemeralResourceConfig)
}

func (s *maskingServer) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return unary(s, ctx, req, s.next.OpenEphemeralResource)
}

func (s *maskingServer) RenewEphemeralResource(ctx context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return unary(s, ctx, req, s.next.RenewEphemeralResource)
}

func (s *maskingServer) CloseEphemeralResource(ctx context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return unary(s, ctx, req, s.next.CloseEphemeralResource)
}

func (s *maskingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return unary(s, ctx, req, s.next.ValidateListResourceConfig)
}

func (s *maskingServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return s.next.ListResource(s.context(ctx), req)
}

func (s *maskingServer) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return unary(s, ctx, req, s.next.ValidateActionConfig)
}

func (s *maskingServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return unary(s, ctx, req, s.next.PlanAction)
}

func (s *maskingServer) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return s.next.InvokeAction(s.context(ctx), req)
}

func (s *maskingServer) ValidateStateStoreConfig(ctx context.Context, req *tfprotov6.ValidateStateStoreConfigRequest) (*tfprotov6.ValidateStateStoreConfigResponse, error) {
	return unary(s, ctx, req, s.next.ValidateStateStoreConfig)
}

func (s *maskingServer) ConfigureStateStore(ctx context.Context, req *tfprotov6.ConfigureStateStoreRequest) (*tfprotov6.ConfigureStateStoreResponse, error) {
	return unary(s, ctx, req, s.next.ConfigureStateStore)
}

func (s *maskingServer) ReadStateBytes(ctx context.Context, req *tfprotov6.ReadStateBytesRequest) (*tfprotov6.ReadStateBytesStream, error) {
	return s.next.ReadStateBytes(s.context(ctx), req)
}

func (s *maskingServer) WriteStateBytes(ctx context.Context, req *tfprotov6.WriteStateBytesStream) (*tfprotov6.WriteStateBytesResponse, error) {
	return s.next.WriteStateBytes(s.context(ctx), req)
}

func (s *maskingServer) GetStates(ctx context.Context, req *tfprotov6.GetStatesRequest) (*tfprotov6.GetStatesResponse, error) {
	return unary(s, ctx, req, s.next.GetStates)
}

func (s *maskingServer) DeleteState(ctx context.Context, req *tfprotov6.DeleteStateRequest) (*tfprotov6.DeleteStateResponse, error) {
	return unary(s, ctx, req, s.next.DeleteState)
}

func (s *maskingServer) LockState(ctx context.Context, req *tfprotov6.LockStateRequest) (*tfprotov6.LockStateResponse, error) {
	return unary(s, ctx, req, s.next.LockState)
}

func (s *maskingServer) UnlockState(ctx context.Context, req *tfprotov6.UnlockStateRequest) (*tfprotov6.UnlockStateResponse, error) {
	return unary(s, ctx, req, s.next.UnlockState)
}
