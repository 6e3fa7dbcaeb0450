// Package kettureg hands the kettu codes, compiled in, to this module's
// tests of the theme and the site: they build the kettu docs without
// reading codes/codes.yaml. The kettudocs command does not use it: it
// reads the site's spec at every build (package codespec).
//
// zz_registry.go is generated from codes/codes.yaml by the same go
// generate run as the client package's codes/zz_codes.go.
package kettureg

//go:generate go run github.com/kettu/kettudocs/cmd/gencodes -spec ../../codes/codes.yaml -registry zz_registry.go
