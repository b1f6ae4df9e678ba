package provider

import (
	"context"
	"errors"
	"net"
	"os"
	"runtime"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/faccc625/terraform-provider-logto/internal/logging"
)

type detachKey struct{}

func TestDetach(t *testing.T) {
	parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), detachKey{}, "v"))
	defer cancelParent()
	ctx, release := detach(parent)
	if ctx.Value(detachKey{}) != "v" || ctx.Err() != nil {
		t.Fatalf("before release: value %v, err %v; want the parent's", ctx.Value(detachKey{}), ctx.Err())
	}
	// A context derived during the call (as the framework does) follows
	// the RPC's context: cancelling the RPC cancels it.
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	release()
	if ctx.Value(detachKey{}) != nil || !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("after release: value %v, err %v; want none and canceled", ctx.Value(detachKey{}), ctx.Err())
	}
	select {
	case <-ctx.Done():
	default:
		t.Error("after release: Done is not closed")
	}
	if child.Err() != nil {
		t.Fatalf("the derived context ended with the release: %v", child.Err())
	}
	cancelParent()
	<-child.Done() // a derived context still ends with the RPC's
}

// trivialServer answers GetMetadata and nothing else.
type trivialServer struct{ tfprotov6.ProviderServer }

func (trivialServer) GetMetadata(context.Context, *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return &tfprotov6.GetMetadataResponse{}, nil
}

// retainedPerRPC serves factory over gRPC on loopback, as the provider binary
// does, and returns the heap still reachable per GetMetadata RPC after n of
// them.
func retainedPerRPC(t *testing.T, factory func() tfprotov6.ProviderServer, n int) int64 {
	t.Helper()
	gs := grpc.NewServer()
	p := &tf6server.GRPCProviderPlugin{GRPCProvider: factory, Name: Address}
	if err := p.GRPCServer(nil, gs); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = gs.Serve(ln) }()
	defer gs.Stop()
	conn, err := grpc.NewClient(ln.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	reqType, err1 := protoregistry.GlobalTypes.FindMessageByName("tfplugin6.GetMetadata.Request")
	respType, err2 := protoregistry.GlobalTypes.FindMessageByName("tfplugin6.GetMetadata.Response")
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	call := func() {
		resp := dynamicpb.NewMessage(respType.Descriptor())
		if err := conn.Invoke(t.Context(), "/tfplugin6.Provider/GetMetadata", reqType.New().Interface(), resp); err != nil {
			t.Fatal(err)
		}
	}
	call()
	before := liveHeap()
	for range n {
		call()
	}
	return (int64(liveHeap()) - int64(before)) / int64(n)
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// The provider's server keeps little of each RPC once it has answered, while
// the framework's server alone keeps the whole context of every RPC (the
// positive control: the measure sees that retention). Not parallel: it reads
// the process's live heap.
func TestServer_rpcContextsReleased(t *testing.T) {
	clearLogEnv(t)
	logging.Quiet(os.Environ(), false, LogName, t.Setenv)
	const rpcs = 2000
	floor := retainedPerRPC(t, func() tfprotov6.ProviderServer { return trivialServer{} }, rpcs)
	framework := retainedPerRPC(t, func() tfprotov6.ProviderServer { return frameworkServer("test") }, rpcs)
	ours := retainedPerRPC(t, NewServer("test", ServerOptions{LogsDiscarded: true}), rpcs)
	t.Logf("heap retained per RPC after %d RPCs: trivial server %d B, framework server %d B, provider server %d B", rpcs, floor, framework, ours)
	if framework < 4096 {
		t.Fatalf("the framework's server retains %d B per RPC: the measure no longer sees the retention it guards against", framework)
	}
	if ours > 1024 {
		t.Errorf("the provider's server retains %d B per RPC, want at most 1 KiB", ours)
	}
}
