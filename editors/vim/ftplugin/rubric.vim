" Rubric files (细则): comments start with `#` (or a full-width `＃` in Chinese), two-space indents.
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal comments=:#,:＃ commentstring=#\ %s
setlocal expandtab shiftwidth=2 softtabstop=2
setlocal formatoptions-=t formatoptions+=croql
" Full-width parentheses and the corner quotes of Chinese labels pair up like ASCII ones.
setlocal matchpairs+=（:）,「:」

let b:undo_ftplugin = 'setlocal comments< commentstring< expandtab< shiftwidth< softtabstop< formatoptions< matchpairs<'

" The syntax colours the surface of the file's first statement, found when the file is loaded; a
" new file gets its surface's colours when it is written.
augroup rubric_surface
  autocmd! * <buffer>
  autocmd BufWritePost <buffer> setlocal syntax=rubric
augroup END
let b:undo_ftplugin .= ' | execute "autocmd! rubric_surface * <buffer>"'
