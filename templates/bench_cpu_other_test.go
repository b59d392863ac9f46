//go:build !unix

package templates

import "time"

// benchCPU is not measured on this system.
func benchCPU() time.Duration { return 0 }
