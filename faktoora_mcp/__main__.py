from faktoora_mcp.cli import main

raise SystemExit(main())
