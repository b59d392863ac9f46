//go:build !unix

package scorecard

import "time"

// benchCPU is not measured on this system.
func benchCPU() time.Duration { return 0 }
