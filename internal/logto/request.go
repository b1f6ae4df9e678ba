package logto

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maxResponseBody bounds how much of a successful answer is read.
const maxResponseBody = 32 << 20

// sendMode says whether a request may be sent again after the server may have
// received it. Each endpoint chooses its mode (see do and doOnce): the HTTP
// method alone does not tell, since a PATCH that renames by the old name in
// the URL is not safe to repeat while one that sets fields is.
type sendMode int

const (
	// repeatable requests leave the same state when applied twice: reads,
	// PUTs, DELETEs, PATCHes that set fields, the token request. They are
	// retried on 429, 502, 503, 504, dropped connections and timeouts.
	repeatable sendMode = iota
	// once requests (creates, renames) are retried by the transport only
	// where the server cannot have acted on them: a 429, a 401, a connection
	// that could not be dialled. Other failures leave their outcome unknown
	// (see OutcomeUnknown); callers recover with create or a lookup of their
	// own before sending again.
	once
)

// do sends a repeatable Management API request: in is encoded as the JSON
// body (nil: no body) and the answer is decoded into out (nil: discarded). A
// non-2xx answer returns an *Error.
//
//nolint:unparam // query is for the API areas with filtered, unpaged routes.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	_, err := c.send(ctx, repeatable, method, path, query, in, out)
	return err
}

// doOnce is do for a request that must not be repeated blindly (see once).
func (c *Client) doOnce(ctx context.Context, method, path string, in, out any) error {
	_, err := c.send(ctx, once, method, path, nil, in, out)
	return err
}

// send is do, with the request's mode, also returning the answer's headers
// (paging reads Total-Number).
//
// A 401 answer drops the token that was used and repeats the request once
// with a new one; the server refused it before acting, so requests sent once
// are repeated too.
func (c *Client) send(ctx context.Context, mode sendMode, method, path string, query url.Values, in, out any) (http.Header, error) {
	var body []byte
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, fmt.Errorf("logto: %s %s: encoding the request body: %w", method, path, err)
		}
		body = b
	}
	c.pages.noteWrite(method, path)
	target := c.endpoint + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}

	var rejected *accessToken
	for try := 1; ; try++ {
		tok, err := c.token(ctx, rejected)
		if err != nil {
			return nil, err
		}
		resp, err := c.attempt(ctx, mode, method, target, body, tok)
		if err != nil {
			return nil, fmt.Errorf("logto: %s %s: %w", method, path, err)
		}
		c.clock.observe(resp.Header)
		if resp.StatusCode == http.StatusUnauthorized && try == 1 {
			drain(resp.Body)
			rejected = tok
			tflog.Debug(ctx, "Logto refused the access token; fetching a new one and retrying once",
				map[string]any{"api_method": method, "api_path": path})
			continue
		}
		return resp.Header, decodeResponse(method, path, resp, out)
	}
}

// attempt sends the request with retries (see checkRetry) and returns the
// last answer.
func (c *Client) attempt(ctx context.Context, mode sendMode, method, target string, body []byte, tok *accessToken) (*http.Response, error) {
	ctx = withAttemptState(ctx, mode == repeatable)
	var raw any // a nil []byte in an interface would still be sent as a body
	if body != nil {
		raw = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, target, raw)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+tok.value)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.retry.Do(req)
}

func decodeResponse(method, path string, resp *http.Response, out any) error {
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return errorFromResponse(method, path, resp)
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		drain(resp.Body)
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody))
	if err != nil {
		return fmt.Errorf("logto: %s %s: reading the answer: %w", method, path, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("logto: %s %s: decoding the answer: %w", method, path, err)
	}
	return nil
}

// drain reads what is left of a body (bounded) so that the connection can be
// reused, and closes it.
func drain(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 1<<20))
	_ = body.Close()
}
