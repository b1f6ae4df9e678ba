package provider

import (
	"context"
	"sync/atomic"
	"time"
)

// Why RPC contexts are detached.
//
// terraform-plugin-framework's protocol server wraps the context of every RPC
// in context.WithCancel and keeps the cancel function until StopProvider, so
// that StopProvider can cancel the RPCs in flight (proto6server's
// registerContext). Terraform never calls StopProvider outside an interrupt,
// so each cancel function, and through it the whole context of its RPC, stays
// reachable for the life of the provider process: the gRPC stream and the
// loggers and fields that terraform-plugin-go and terraform-plugin-log put in
// the context, about 10 KB per RPC. A refresh of 1,000 objects makes about
// 4,000 RPCs (validate, upgrade, read, plan), so 40-55 MB were retained.
//
// The masking server therefore hands the framework a detachable context for
// each RPC that returns its answer in the call: it forwards to the RPC's
// context while the call runs and is emptied when the call returns, so what the
// framework keeps is this small shell instead of the RPC's context chain.
// StopProvider still cancels the RPCs in flight: a context derived from the
// shell while the call runs is registered with the RPC's own context.

// detachable is a context that forwards to another until release.
type detachable struct {
	inner atomic.Pointer[context.Context]
}

// released is what a detachable context forwards to after release: canceled,
// with no values and no deadline.
var released = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// detach returns a context that forwards to ctx until release is called, and
// acts as a canceled context without values afterwards.
func detach(ctx context.Context) (context.Context, func()) {
	d := &detachable{}
	d.inner.Store(&ctx)
	return d, func() { d.inner.Store(&released) }
}

func (d *detachable) ctx() context.Context        { return *d.inner.Load() }
func (d *detachable) Deadline() (time.Time, bool) { return d.ctx().Deadline() }
func (d *detachable) Done() <-chan struct{}       { return d.ctx().Done() }
func (d *detachable) Err() error                  { return d.ctx().Err() }
func (d *detachable) Value(key any) any           { return d.ctx().Value(key) }
func (d *detachable) String() string              { return "provider.detachable" }

// unary runs one RPC that answers within the call with the masking context
// (never while a ConfigureProvider runs: see maskingServer.configuring),
// detached from the RPC's context once it returns (see detachable).
func unary[Req, Resp any](s *maskingServer, ctx context.Context, req Req, next func(context.Context, Req) (Resp, error)) (Resp, error) {
	s.configuring.RLock()
	defer s.configuring.RUnlock()
	return call(s, ctx, req, next)
}

// call is unary without the configuring lock (ConfigureProvider holds it
// exclusively; StopProvider must not wait for the RPCs it cancels).
func call[Req, Resp any](s *maskingServer, ctx context.Context, req Req, next func(context.Context, Req) (Resp, error)) (Resp, error) {
	ctx, release := detach(s.context(ctx))
	defer release()
	return next(ctx, req)
}
