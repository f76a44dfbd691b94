-- Run by test/protocol/neovim.test.ts after the documented configuration: waits for the first buffer's
-- diagnostics, asks for code actions over the first one, applies the first action's edit, records each file's
-- filetype, loaded syntax and attached clients, writes it all as JSON to $PLIST_SENTINEL_PROBE_OUT, and quits.
local result = { nvim = vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch, files = {} }
local function clients_of(buf)
  local list = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
  local names = {}
  for _, client in pairs(list) do table.insert(names, client.name) end
  return names
end

vim.o.hidden = true
local buf = vim.api.nvim_get_current_buf()
local timeout = tonumber(os.getenv('PLIST_SENTINEL_PROBE_TIMEOUT_MS') or '10000')
result.diagnosed = vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 20)
result.diagnostics = {}
for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
  table.insert(result.diagnostics, {
    code = lsp.code or diagnostic.code,
    source = diagnostic.source,
    text = vim.api.nvim_buf_get_text(buf, diagnostic.lnum, diagnostic.col, diagnostic.end_lnum, diagnostic.end_col, {})[1],
  })
end

result.actions = {}
local first = vim.diagnostic.get(buf)[1]
if first ~= nil then
  -- Neovim 0.10+ keeps the whole LSP diagnostic in user_data.lsp; 0.7 keeps only some fields, so the rest is rebuilt.
  local lsp_diagnostic = vim.tbl_extend('keep', first.user_data and first.user_data.lsp or {}, {
    range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum, character = first.end_col } },
    message = first.message,
    severity = first.severity,
    source = first.source,
    code = first.code,
  })
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum, character = first.end_col } },
    context = { diagnostics = { lsp_diagnostic } },
  }
  local actions = {}
  for _, response in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout) or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(actions, action)
      table.insert(result.actions, { title = action.title, kind = action.kind })
    end
  end
  if actions[1] ~= nil and actions[1].edit ~= nil then
    vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
    result.textAfterFirstAction = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  end
end

for _, name in ipairs(vim.split(os.getenv('PLIST_SENTINEL_PROBE_FILES') or '', ',', { trimempty = true })) do
  vim.cmd('edit ' .. vim.fn.fnameescape(name))
  local other = vim.api.nvim_get_current_buf()
  -- Every documented setup attaches in the FileType autocommand, so by now the buffer has its client or none.
  table.insert(result.files, { name = name, filetype = vim.bo[other].filetype, syntax = vim.b[other].current_syntax, clients = clients_of(other) })
end
table.insert(result.files, 1, { name = vim.api.nvim_buf_get_name(buf), filetype = vim.bo[buf].filetype, syntax = vim.b[buf].current_syntax, clients = clients_of(buf) })

local file = assert(io.open(assert(os.getenv('PLIST_SENTINEL_PROBE_OUT')), 'w'))
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
