package eval

import "testing"

func TestStatusIndex(t *testing.T) {
	if len(Statuses) != statusCount {
		t.Fatalf("statusCount %d, %d statuses", statusCount, len(Statuses))
	}
	for k, s := range Statuses {
		if statusIndex(s) != k {
			t.Errorf("statusIndex(%s) = %d, want %d", s, statusIndex(s), k)
		}
	}
	if statusIndex("") != -1 {
		t.Error("statusIndex of no status")
	}
}
