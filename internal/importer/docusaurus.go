package importer

import "errors"

func readDocusaurus(src string) (*site, error) { return nil, errors.New("docusaurus: not yet") }
