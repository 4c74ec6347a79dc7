from mashdesk.cli import main

main()
