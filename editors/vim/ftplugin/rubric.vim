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
setlocal fileencoding=utf-8

let b:undo_ftplugin = 'setlocal comments< commentstring< expandtab< shiftwidth< softtabstop< formatoptions< matchpairs< fileencoding<'
