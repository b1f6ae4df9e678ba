package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// grpcServer calls the RPCs of terraform-plugin-go's gRPC-level server
// (tf6server.New), in-process, as Terraform does over gRPC minus the wire:
// every RPC gets its SDK, protocol, framework and provider loggers exactly as
// in the provider binary. The request and response types of that server are
// internal to terraform-plugin-go, so requests are built from the protobuf
// registry and the methods are called by reflection.
type grpcServer struct{ v reflect.Value }

func newGRPCServer(srv tfprotov6.ProviderServer) grpcServer {
	return grpcServer{reflect.ValueOf(tf6server.New(Address, srv, tf6server.WithoutLogStderrOverride()))}
}

// call runs rpc with a request that fill sets up, and fails the test on a
// gRPC error or an error diagnostic.
func (g grpcServer) call(tb testing.TB, ctx context.Context, rpc string, fill func(req protoreflect.Message)) protoreflect.Message {
	tb.Helper()
	mt, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName("tfplugin6." + rpc + ".Request"))
	if err != nil {
		tb.Fatalf("no request type for %s: %v", rpc, err)
	}
	req := mt.New()
	if fill != nil {
		fill(req)
	}
	out := g.v.MethodByName(rpc).Call([]reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(req.Interface())})
	if err, _ := out[1].Interface().(error); err != nil {
		tb.Fatalf("%s: %v", rpc, err)
	}
	msg, ok := out[0].Interface().(proto.Message)
	if !ok {
		tb.Fatalf("%s answered %T", rpc, out[0].Interface())
	}
	resp := msg.ProtoReflect()
	if errs := errorDiagnostics(resp); len(errs) > 0 {
		tb.Fatalf("%s: %s", rpc, strings.Join(errs, "; "))
	}
	return resp
}

func field(m protoreflect.Message, name string) protoreflect.FieldDescriptor {
	fd := m.Descriptor().Fields().ByName(protoreflect.Name(name))
	if fd == nil {
		panic(fmt.Sprintf("%s has no field %s", m.Descriptor().FullName(), name))
	}
	return fd
}

func setString(m protoreflect.Message, name, v string) {
	m.Set(field(m, name), protoreflect.ValueOfString(v))
}

// setDynamic sets a DynamicValue field to msgpack-encoded data.
func setDynamic(m protoreflect.Message, name string, msgpack []byte) {
	dv := m.Mutable(field(m, name)).Message()
	dv.Set(field(dv, "msgpack"), protoreflect.ValueOfBytes(msgpack))
}

// dynamic returns the msgpack data of a DynamicValue field.
func dynamic(m protoreflect.Message, name string) []byte {
	dv := m.Get(field(m, name)).Message()
	return dv.Get(field(dv, "msgpack")).Bytes()
}

func errorDiagnostics(resp protoreflect.Message) []string {
	fd := resp.Descriptor().Fields().ByName("diagnostics")
	if fd == nil {
		return nil
	}
	var errs []string
	list := resp.Get(fd).List()
	for i := range list.Len() {
		d := list.Get(i).Message()
		if d.Get(field(d, "severity")).Enum() == 1 { // ERROR
			errs = append(errs, d.Get(field(d, "summary")).String()+": "+d.Get(field(d, "detail")).String())
		}
	}
	return errs
}

// msgpack encodes a value of typ given as Go values for tftypes.NewValue;
// attributes of an object that vals leaves out are null.
func msgpack(tb testing.TB, typ tftypes.Object, vals map[string]string) []byte {
	tb.Helper()
	attrs := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		if v, ok := vals[name]; ok {
			attrs[name] = tftypes.NewValue(t, v)
		} else {
			attrs[name] = tftypes.NewValue(t, nil)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		tb.Fatal(err)
	}
	return dv.MsgPack
}

// providerConfigType is the object type of the provider's configuration.
func providerConfigType(tb testing.TB) tftypes.Object {
	tb.Helper()
	resp, err := NewServer("test", ServerOptions{})().GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	typ, ok := resp.Provider.ValueType().(tftypes.Object)
	if !ok {
		tb.Fatalf("provider schema type %T", resp.Provider.ValueType())
	}
	return typ
}

// testEmulator starts an in-process emulator as acctest.New does.
type testEmulator struct {
	*emulator.Server
	Endpoint, ClientID, ClientSecret string
}

func startEmulator(tb testing.TB) testEmulator {
	tb.Helper()
	e := testEmulator{ClientID: "logtest-client", ClientSecret: "logtest-client-secret-" + strings.Repeat("q", 16)}
	srv, err := emulator.New(emulator.Options{ClientID: e.ClientID, ClientSecret: e.ClientSecret, Resource: SelfHostedResource})
	if err != nil {
		tb.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	tb.Cleanup(hs.Close)
	e.Server, e.Endpoint = srv, hs.URL
	return e
}

// configure runs ConfigureProvider against e.
func (g grpcServer) configure(tb testing.TB, ctx context.Context, cfgType tftypes.Object, e testEmulator) {
	tb.Helper()
	g.call(tb, ctx, "ConfigureProvider", func(req protoreflect.Message) {
		setString(req, "terraform_version", "1.11.4")
		setDynamic(req, "config", msgpack(tb, cfgType, map[string]string{
			"endpoint": e.Endpoint, "client_id": e.ClientID, "client_secret": e.ClientSecret,
		}))
	})
}

// importState imports logto_application id and returns its state.
func (g grpcServer) importState(tb testing.TB, ctx context.Context, id string) []byte {
	tb.Helper()
	resp := g.call(tb, ctx, "ImportResourceState", func(req protoreflect.Message) {
		setString(req, "type_name", "logto_application")
		setString(req, "id", id)
	})
	list := resp.Get(field(resp, "imported_resources")).List()
	if list.Len() != 1 {
		tb.Fatalf("import of %s returned %d resources", id, list.Len())
	}
	return dynamic(list.Get(0).Message(), "state")
}

// read refreshes a logto_application state and returns the new one.
func (g grpcServer) read(tb testing.TB, ctx context.Context, state []byte) []byte {
	tb.Helper()
	resp := g.call(tb, ctx, "ReadResource", func(req protoreflect.Message) {
		setString(req, "type_name", "logto_application")
		setDynamic(req, "current_state", state)
	})
	return dynamic(resp, "new_state")
}

// captureLogs sends the log lines of the servers that newGRPCServer makes to
// a file until the test ends, and returns a function that reads it. The
// binary's loggers write to the stderr the process started with; these write
// to os.Stderr as it is when an RPC starts (tf6server.WithoutLogStderrOverride),
// which the test swaps. Levels and formatting are the same. Tests that use it
// must not run in parallel.
func captureLogs(tb testing.TB) func() string {
	tb.Helper()
	f, err := os.CreateTemp(tb.TempDir(), "stderr-*.log")
	if err != nil {
		tb.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = f
	tb.Cleanup(func() {
		os.Stderr = old
		_ = f.Close()
	})
	return func() string {
		b, err := os.ReadFile(f.Name())
		if err != nil {
			tb.Fatal(err)
		}
		return string(b)
	}
}

// clearLogEnv empties every logging variable of the environment for the
// test, so that it starts from "nobody reads the logs".
func clearLogEnv(tb interface{ Setenv(string, string) }) {
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_LOG") || name == "TF_ACC_LOG_PATH" {
			tb.Setenv(name, "")
		}
	}
	for _, name := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_LOGTO", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		tb.Setenv(name, "")
	}
}
