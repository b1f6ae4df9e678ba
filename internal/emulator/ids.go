package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"math/big"
)

const (
	lowercaseAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
	mixedAlphabet     = lowercaseAlphabet + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

// randomString draws n characters uniformly from alphabet (like nanoid's customAlphabet).
func randomString(alphabet string, n int) string {
	out := make([]byte, n)
	limit := big.NewInt(int64(len(alphabet)))
	for i := range out {
		index, err := rand.Int(rand.Reader, limit)
		if err != nil {
			panic("emulator: crypto/rand failed: " + err.Error())
		}
		out[i] = alphabet[index.Int64()]
	}
	return string(out)
}

// newID is Logto's generateStandardId: 21 characters, digits and lowercase letters.
func newID() string { return randomString(lowercaseAlphabet, 21) }

// newSecret is Logto's generateStandardSecret: 32 characters, digits and letters.
func newSecret() string { return randomString(mixedAlphabet, 32) }

// newAccessToken is an access token shaped like Logto's: a JWT (header.payload.signature, each
// base64url, the first two JSON objects), so that anything that recognises Logto's tokens by their
// shape (the provider masks JWTs in its logs) meets the same shape here. The signature is random
// and checked by nobody: the emulator recognises its tokens by their whole value.
func newAccessToken() string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"ES384","typ":"at+jwt","kid":"emulator"}`))
	payload := enc.EncodeToString([]byte(`{"jti":"` + randomString(mixedAlphabet, 21) + `","sub":"emulator","scope":"all"}`))
	return header + "." + payload + "." + randomString(mixedAlphabet+"-_", 64)
}
