from esgtrace.cli import main

main()
