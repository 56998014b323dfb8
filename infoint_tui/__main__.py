from infoint_tui.cli import main

raise SystemExit(main())
