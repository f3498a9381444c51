export default function afterSign(context: { electronPlatformName: string }): void;
