package emulator

import "testing"

func TestValidRedirectURI(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{
		// web
		"https://app.example.com/callback":     true,
		"http://localhost:8080/callback":       true,
		"https://a.example.com/cb#frag":        true,
		"https://a.example.com/cb?x=1":         true,
		"HTTPS://APP.EXAMPLE.COM/cb":           true,
		"  https://app.example.com/cb  ":       true,
		"http://127.0.0.1:3000":                true,
		"http://[::1]:3000/cb":                 true,
		"https://user:pass@app.example.com/cb": true,
		"http:app.example.com":                 true,
		"https://app.example.com/a/../cb":      false,
		"https://app.example.com/./cb":         false,
		"https://app.example.com/%2E%2E/cb":    false,
		"http://":                              false,
		"https://":                             false,
		"https://exa mple.com/cb":              false,
		"https://example.com:99999/cb":         false,
		"https://example.com:80a/cb":           false,
		"https://1.2.3.999/cb":                 false,
		"https://[::1/cb":                      false,
		"https://a%20b.example.com/cb":         false,
		"not a uri":                            false,
		"ftp//bad":                             false,
		"/relative":                            false,
		"":                                     false,
		"://example.com":                       false,
		"1http://example.com":                  false,
		// wildcards (web only)
		"https://*.example.com/callback": true,
		"https://app.example.com/*":      true,
		"https://*/callback":             false,
		"http*://app.example.com/cb":     false,
		"https://app.example.com/cb?x=*": false,
		"https://app.example.com/cb#*":   false,
		"https://*.example.com:*/cb":     false,
		"https://user@*.example.com/cb":  false,
		"https://*.example.com/../cb":    false,
		// mobile / custom schemes
		"io.example.app://callback":       true,
		"com.example.app:/oauth2redirect": true,
		"myapp://":                        true,
		"myapp:callback":                  true,
		"my-app+x://cb":                   true,
		"ftp://files.example.com":         true,
		"ftp://":                          false,
		"myapp://exa mple/cb":             false,
		"my_app:/cb":                      false, // "_" is not a URL scheme character
		"my-app.x1:/cb":                   true,
		"httpx://cb":                      true,
	}
	for uri, want := range cases {
		if got := validRedirectURI(uri); got != want {
			t.Errorf("validRedirectURI(%q) = %v, want %v", uri, got, want)
		}
	}
}
