module github.com/kettu/kettudocs/codes

go 1.22
