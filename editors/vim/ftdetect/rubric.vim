" Rubric files (细则): `*.rubric`, in either surface.
autocmd BufRead,BufNewFile *.rubric setfiletype rubric
