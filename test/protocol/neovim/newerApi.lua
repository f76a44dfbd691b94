-- Stand-ins for the Neovim 0.10 and 0.11 functions that docs/editors.md uses, for a Neovim that lacks them (CI has
-- Debian's 0.7.2). Each is defined only where Neovim has none, so a newer Neovim runs its own. They do the least the
-- documented blocks rely on, through the 0.7 API, so the blocks' values are proven against the real server; they
-- are no copy of Neovim's own behaviour.

-- 0.7 reads vim.filetype.add's rules only when asked to.
if vim.filetype ~= nil and vim.fn.has('nvim-0.9') == 0 then vim.g.do_filetype_lua = 1 end

vim.fs = vim.fs or {}
if vim.fs.root == nil then
  vim.fs.root = function(buf, markers)
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h')
    while true do
      for _, marker in ipairs(markers) do
        if vim.fn.isdirectory(dir .. '/' .. marker) == 1 or vim.fn.filereadable(dir .. '/' .. marker) == 1 then return dir end
      end
      local parent = vim.fn.fnamemodify(dir, ':h')
      if parent == dir then return nil end
      dir = parent
    end
  end
end

if vim.lsp.start == nil then
  local started = {}
  vim.lsp.start = function(config, opts)
    local key = config.name .. '\0' .. tostring(config.root_dir)
    started[key] = started[key] or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client((opts and opts.bufnr) or vim.api.nvim_get_current_buf(), started[key])
    return started[key]
  end
end

if vim.lsp.config == nil then
  local configs = {}
  vim.lsp.config = setmetatable({}, {
    __call = function(_, name, config) configs[name] = vim.tbl_deep_extend('force', configs[name] or {}, config) end,
    __index = function(_, name) return configs[name] end,
  })
  vim.lsp.enable = function(name)
    local config = configs[name]
    vim.api.nvim_create_autocmd('FileType', {
      pattern = config.filetypes,
      callback = function(args)
        local root = config.root_markers and vim.fs.root(args.buf, config.root_markers) or nil
        vim.lsp.start(vim.tbl_extend('force', config, { name = name, root_dir = root }), { bufnr = args.buf })
      end,
    })
  end
end
