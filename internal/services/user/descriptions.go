package user

// Attribute descriptions shared by the resource and the data source.
const (
	descID       = "Logto's ID of the user."
	descUsername = "Username, unique in the tenant and case-sensitive (`Ada` and `ada` are two users). Logto's rule: " +
		"letters, digits and underscores, not starting with a digit."
	descEmail = "Primary email address, unique in the tenant (ignoring case)."
	descPhone = "Primary phone number, unique in the tenant: digits only, with the country code and without `+` " +
		"or spaces (`15551234567`)."
	descName        = "Display name."
	descAvatar      = "URL of the user's picture (`http://` or `https://`)."
	descCustomData  = "Arbitrary JSON object stored with the user (`customData`), written with `jsonencode()`. It is kept in the form `jsonencode()` writes (keys sorted, no spaces, numbers exact), so Logto's key order never causes a diff, after an import either."
	descProfile     = "OpenID Connect standard claims of the user (`profile`)."
	descSuspended   = "Whether the user is suspended: a suspended user cannot sign in, and suspending signs them out."
	descCreatedAt   = "When the user was created (RFC 3339)."
	descHasPassword = "Whether the user has a password."
)

// Descriptions of the profile claims, keyed by attribute name.
var profileDescriptions = map[string]string{
	"family_name":        "Surname (`familyName`).",
	"given_name":         "Given name (`givenName`).",
	"middle_name":        "Middle name (`middleName`).",
	"nickname":           "Casual name (`nickname`).",
	"preferred_username": "Shorthand name the user wishes to be referred to by (`preferredUsername`).",
	"profile":            "URL of the user's profile page (`profile`).",
	"website":            "URL of the user's web page or blog (`website`).",
	"gender":             "Gender (`gender`), free text.",
	"birthdate":          "Birthday (`birthdate`), usually `YYYY-MM-DD` (OpenID Connect), not checked by Logto.",
	"zoneinfo":           "Time zone (`zoneinfo`), such as `Europe/Paris`.",
	"locale":             "Locale (`locale`), a BCP 47 language tag such as `en-GB`.",
}

// Descriptions of the address claim's fields, keyed by attribute name.
var addressDescriptions = map[string]string{
	"formatted":      "Full mailing address, formatted for display (`formatted`).",
	"street_address": "Street address (`streetAddress`).",
	"locality":       "City or locality (`locality`).",
	"region":         "State, province or region (`region`).",
	"postal_code":    "Postal code (`postalCode`).",
	"country":        "Country (`country`).",
}

const descAddress = "Postal address (`address`). Logto replaces it as a whole."
