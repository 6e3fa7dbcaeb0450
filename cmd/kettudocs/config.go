package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"go.yaml.in/yaml/v3"
)

// configFile is the name of a site's settings file, in the site folder.
const configFile = "kettudocs.yaml"

// siteConfig holds the settings that belong to a site rather than to one
// run, so CI and writers build the same site. Flags override them.
type siteConfig struct {
	Title   string `yaml:"title"`    // the site title; default the home page's title
	BaseURL string `yaml:"base_url"` // where the site is served, as --base-url
}

var yamlField = regexp.MustCompile(`line (\d+): field (\S+) not found in type \S+`)

// loadConfig reads the settings file of the site folder dir, if it has one.
// Errors name the file and line; an unknown key is an error, so a typo
// does not silently leave a setting out.
func loadConfig(dir string) (siteConfig, error) {
	var c siteConfig
	name := filepath.Join(dir, configFile)
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		if m := yamlField.FindStringSubmatch(err.Error()); m != nil {
			return c, fmt.Errorf("%s:%s: unknown key %q (known keys: title, base_url)", name, m[1], m[2])
		}
		return c, fmt.Errorf("%s: %v", name, err)
	}
	return c, nil
}
