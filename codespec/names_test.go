package codespec

import "testing"

func TestConstName(t *testing.T) {
	tests := []struct{ prefix, text, want string }{
		{"Op", "dispatch", "OpDispatch"},
		{"Op", "invalid session", "OpInvalidSession"},
		{"Close", "unknown error", "CloseUnknownError"},
		{"Close", "invalid `seq`", "CloseInvalidSeq"},
		{"Close", "invalid api version", "CloseInvalidAPIVersion"},
		{"Status", "OK", "StatusOK"},
		{"Status", "NO CONTENT", "StatusNoContent"},
		{"Status", "TOO MANY REQUESTS", "StatusTooManyRequests"},
		{"JSON", "general error", "JSONGeneralError"},
		{"JSON", "unknown user", "JSONUnknownUser"},
		{"JSON", "unauthorized, invalid token", "JSONUnauthorizedInvalidToken"},
		{"JSON", "invalid ip for the mfa code", "JSONInvalidIPForTheMFACode"},
		{"JSON", "ip already verified", "JSONIPAlreadyVerified"},
		{"JSON", "missing user id", "JSONMissingUserID"},
		{"JSON", "bad json or url", "JSONBadJSONOrURL"},
		{"JSON", "that isn't supported", "JSONThatIsntSupported"},
		{"JSON", "user’s limit", "JSONUsersLimit"},
		{"JSON", "too many webSockets", "JSONTooManyWebSockets"}, // camel case kept
		{"JSON", "delay 3-6 seconds", "JSONDelay36Seconds"},
		{"JSON", "[link](x) **bold**", "JSONLinkXBold"},
		{"Op", "ünïcode", "OpÜnïcode"},
		{"Op", "?!", ""},
		{"Op", "", ""},
	}
	for _, tt := range tests {
		if got := constName(tt.prefix, tt.text); got != tt.want {
			t.Errorf("constName(%q, %q) = %q, want %q", tt.prefix, tt.text, got, tt.want)
		}
	}
}
