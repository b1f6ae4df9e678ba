package emulator

import (
	"crypto/rand"
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

// newAccessToken is an opaque access token. Logto issues JWTs; the emulator's tokens are random
// strings that only it can check.
func newAccessToken() string { return "emu_" + randomString(mixedAlphabet, 43) }
