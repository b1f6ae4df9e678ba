package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/faccc625/terraform-provider-logto/internal/provider"
)

// importer runs the provider in-process and imports objects with it the way
// terraform does (ImportResourceState, then ReadResource), so that the
// configuration written from the result is exactly what the provider reads:
// the plan after the export shows no change.
type importer struct {
	srv     tfprotov6.ProviderServer
	schemas map[string]*tfprotov6.Schema
}

// errGone says that an object disappeared between the listing and its import.
var errGone = errors.New("the object no longer exists")

func newImporter(ctx context.Context, s settings) (*importer, error) {
	srv := provider.NewServer("logto-export", provider.ServerOptions{LogsDiscarded: true})()
	schema, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, err
	}
	if err := diagError(schema.Diagnostics); err != nil {
		return nil, err
	}
	values := map[string]tftypes.Value{}
	for _, a := range schema.Provider.Block.Attributes {
		values[a.Name] = tftypes.NewValue(a.ValueType(), nil)
	}
	values["endpoint"] = tftypes.NewValue(tftypes.String, s.Endpoint)
	values["client_id"] = tftypes.NewValue(tftypes.String, s.ClientID)
	values["client_secret"] = tftypes.NewValue(tftypes.String, s.ClientSecret)
	values["resource"] = tftypes.NewValue(tftypes.String, s.Resource)
	typ := schema.Provider.ValueType()
	cfg, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		return nil, err
	}
	resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.0", Config: &cfg,
		ClientCapabilities: &tfprotov6.ConfigureProviderClientCapabilities{},
	})
	if err != nil {
		return nil, err
	}
	if err := diagError(resp.Diagnostics); err != nil {
		return nil, fmt.Errorf("configuring the provider: %w", err)
	}
	return &importer{srv: srv, schemas: schema.ResourceSchemas}, nil
}

// read imports one object and returns its state.
func (im *importer) read(ctx context.Context, typ, id string) (tftypes.Value, error) {
	schema := im.schemas[typ]
	if schema == nil {
		return tftypes.Value{}, fmt.Errorf("the provider has no resource type %s", typ)
	}
	imp, err := im.srv.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
		TypeName: typ, ID: id, ClientCapabilities: &tfprotov6.ImportResourceStateClientCapabilities{},
	})
	if err != nil {
		return tftypes.Value{}, err
	}
	if err := diagError(imp.Diagnostics); err != nil {
		return tftypes.Value{}, err
	}
	if len(imp.ImportedResources) != 1 {
		return tftypes.Value{}, fmt.Errorf("the import of %s %q gave %d resources", typ, id, len(imp.ImportedResources))
	}
	got := imp.ImportedResources[0]
	read, err := im.srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{
		TypeName: typ, CurrentState: got.State, Private: got.Private,
		ClientCapabilities: &tfprotov6.ReadResourceClientCapabilities{},
	})
	if err != nil {
		return tftypes.Value{}, err
	}
	if err := diagError(read.Diagnostics); err != nil {
		return tftypes.Value{}, err
	}
	if read.NewState == nil {
		return tftypes.Value{}, errGone
	}
	v, err := read.NewState.Unmarshal(schema.ValueType())
	if err != nil {
		return tftypes.Value{}, err
	}
	if v.IsNull() {
		return tftypes.Value{}, errGone
	}
	return v, nil
}

// diagError joins the error diagnostics; warnings are dropped.
func diagError(diags []*tfprotov6.Diagnostic) error {
	var msgs []string
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			msgs = append(msgs, strings.TrimSpace(d.Summary+": "+d.Detail))
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return errors.New(strings.Join(msgs, "; "))
}
